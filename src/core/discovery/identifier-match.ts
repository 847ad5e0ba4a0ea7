/**
 * How a metadata document's identifier (PRM `resource`, AS `issuer`) compares with the one the client
 * expected. RFC 9728 §3.3 / §6 and RFC 8414 §3.3 demand identical strings (code points, no
 * normalisation); real clients differ (the TS and Python SDKs accept a same-origin path prefix for
 * `resource`, and one trailing-slash direction for `issuer`), so `probe` reports the degree.
 * oauth4webapi's process*Response compare `new URL(x).href`, which hides a trailing slash on a bare
 * origin: that is why the comparison is spelled out here.
 */
export type IdentifierMatch =
  | { kind: 'exact' }
  /** Equal after normalising trailing slash, scheme/host case or a default port; or a same-origin path prefix. */
  | { kind: 'near'; reason: string }
  | { kind: 'mismatch'; reason: string }
  | { kind: 'missing'; reason: string };

interface Normalised {
  origin: string;
  path: string;
  search: string;
}

function normalise(value: string): Normalised | undefined {
  try {
    const url = new URL(value);
    // URL lower-cases scheme and host and drops a default port; the trailing slash is trimmed here.
    return { origin: url.origin, path: url.pathname.replace(/\/+$/, ''), search: url.search };
  } catch {
    return undefined;
  }
}

function nearReason(found: string, expected: string): string {
  if (found.replace(/\/+$/, '') === expected.replace(/\/+$/, '')) return 'differs only by a trailing slash';
  return 'differs only by letter case or an explicit default port';
}

/** Compares a PRM `resource` with the MCP URL that was dialled (RFC 9728 §3.3). */
export function compareResource(found: unknown, expected: string): IdentifierMatch {
  if (typeof found !== 'string' || found === '') return { kind: 'missing', reason: '`resource` is missing or not a string' };
  if (found === expected) return { kind: 'exact' };
  const a = normalise(found);
  const b = normalise(expected);
  if (a === undefined) return { kind: 'mismatch', reason: `\`resource\` is not an absolute URL: ${found}` };
  if (b === undefined || a.origin !== b.origin) return { kind: 'mismatch', reason: 'a different origin' };
  if (a.path === b.path && a.search === b.search) return { kind: 'near', reason: nearReason(found, expected) };
  if (a.search === '' && (b.path === a.path || b.path.startsWith(`${a.path}/`))) {
    return { kind: 'near', reason: 'a same-origin path prefix of the MCP URL (accepted by the TS and Python SDKs, rejected by strict clients)' };
  }
  return { kind: 'mismatch', reason: 'a different path on the same origin' };
}

/** Compares an AS metadata `issuer` with the identifier used to build the URL (RFC 8414 §3.3, OIDC Discovery §4.3). */
export function compareIssuer(found: unknown, expected: string): IdentifierMatch {
  if (typeof found !== 'string' || found === '') return { kind: 'missing', reason: '`issuer` is missing or not a string' };
  if (found === expected) return { kind: 'exact' };
  const a = normalise(found);
  const b = normalise(expected);
  if (a !== undefined && b !== undefined && a.origin === b.origin && a.path === b.path && a.search === b.search) {
    return { kind: 'near', reason: nearReason(found, expected) };
  }
  return { kind: 'mismatch', reason: a === undefined ? `\`issuer\` is not an absolute URL: ${found}` : 'a different identifier' };
}
