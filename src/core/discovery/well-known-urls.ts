/**
 * Where metadata documents live, exactly as MCP 2025-11-25 and the RFCs build the URLs, plus the places
 * servers commonly misplace them (used only to explain a failure, never to obtain metadata).
 */

export type PrmLocationKind =
  /** The `resource_metadata` URL from the 401 challenge (RFC 9728 §5.1). */
  | 'header'
  /** RFC 9728 §3.1: /.well-known/oauth-protected-resource inserted before the path. */
  | 'path-inserted'
  /** The origin's /.well-known/oauth-protected-resource. */
  | 'root'
  /** Explain-only: appended after the endpoint's path (a common mistake, RFC 9728 §3.1 does not use it). */
  | 'appended';

export type AsmLocationKind =
  | 'rfc8414-inserted'
  | 'oidc-inserted'
  | 'oidc-appended'
  | 'rfc8414-root'
  | 'oidc-root'
  /** Explain-only: root metadata for an issuer that has a path (RFC 8414 §3.1 never looks there). */
  | 'root-for-path-issuer'
  /** Explain-only: /.well-known/oauth-authorization-server appended after the issuer's path. */
  | 'rfc8414-appended'
  /** Explain-only: 2025-03-26 style, AS metadata at the MCP server's own origin. */
  | 'legacy-mcp-origin';

export interface CandidateUrl<K extends string> {
  url: string;
  kind: K;
  /** 'spec': a client following the spec requests it; 'explain': requested only to explain a mistake. */
  purpose: 'spec' | 'explain';
}

const PRM_SUFFIX = '/.well-known/oauth-protected-resource';
const RFC8414_SUFFIX = '/.well-known/oauth-authorization-server';
const OIDC_SUFFIX = '/.well-known/openid-configuration';

/** The path of a URL without its terminating slashes (RFC 9728 §3.1, RFC 8414 §3.1: "MUST be removed"). */
function trimmedPath(url: URL): string {
  return url.pathname.replace(/\/+$/, '');
}

/** RFC 9728 §3.1 insertion; the query is kept (the TS SDK does the same), the fragment never. */
function insertWellKnown(url: URL, suffix: string): string {
  return `${url.origin}${suffix}${trimmedPath(url)}${url.search}`;
}

/** The well-known PRM URLs in the spec's order ([25-11 L93-101]): path-inserted (if there is a path), root. */
export function protectedResourceMetadataUrls(mcpUrl: string): CandidateUrl<PrmLocationKind>[] {
  const url = new URL(mcpUrl);
  const candidates: CandidateUrl<PrmLocationKind>[] = [];
  // [25-11 L165-176]: the path-based attempt is "not applicable if the MCP server is at the root".
  if (trimmedPath(url) !== '' || url.search !== '') {
    candidates.push({ url: insertWellKnown(url, PRM_SUFFIX), kind: 'path-inserted', purpose: 'spec' });
  }
  candidates.push({ url: `${url.origin}${PRM_SUFFIX}`, kind: 'root', purpose: 'spec' });
  return candidates;
}

/** Where servers misplace PRM: appended after the endpoint path (checklist B16). */
export function misplacedProtectedResourceMetadataUrls(mcpUrl: string): CandidateUrl<PrmLocationKind>[] {
  const url = new URL(mcpUrl);
  if (trimmedPath(url) === '') return [];
  return [{ url: `${url.origin}${trimmedPath(url)}${PRM_SUFFIX}`, kind: 'appended', purpose: 'explain' }];
}

/** AS metadata URLs in the spec's priority order ([25-11 L135-144]). */
export function authorizationServerMetadataUrls(issuer: string): CandidateUrl<AsmLocationKind>[] {
  const url = new URL(issuer);
  if (trimmedPath(url) === '') {
    return [
      { url: `${url.origin}${RFC8414_SUFFIX}`, kind: 'rfc8414-root', purpose: 'spec' },
      { url: `${url.origin}${OIDC_SUFFIX}`, kind: 'oidc-root', purpose: 'spec' },
    ];
  }
  return [
    { url: insertWellKnown(url, RFC8414_SUFFIX), kind: 'rfc8414-inserted', purpose: 'spec' },
    { url: insertWellKnown(url, OIDC_SUFFIX), kind: 'oidc-inserted', purpose: 'spec' },
    // OIDC Discovery §4: the suffix is appended to the issuer, after removing a terminating slash.
    { url: `${url.origin}${trimmedPath(url)}${OIDC_SUFFIX}`, kind: 'oidc-appended', purpose: 'spec' },
  ];
}

/** Where AS metadata is commonly misplaced for this issuer (checklist C32). Empty for a path-less issuer. */
export function misplacedAuthorizationServerMetadataUrls(issuer: string): CandidateUrl<AsmLocationKind>[] {
  const url = new URL(issuer);
  if (trimmedPath(url) === '') return [];
  return [
    { url: `${url.origin}${RFC8414_SUFFIX}`, kind: 'root-for-path-issuer', purpose: 'explain' },
    { url: `${url.origin}${trimmedPath(url)}${RFC8414_SUFFIX}`, kind: 'rfc8414-appended', purpose: 'explain' },
  ];
}

/** 2025-03-26 (L143-150): AS metadata at the MCP server's origin, path discarded (checklist J93). */
export function legacyMetadataUrl(mcpUrl: string): CandidateUrl<AsmLocationKind> {
  return { url: `${new URL(mcpUrl).origin}${RFC8414_SUFFIX}`, kind: 'legacy-mcp-origin', purpose: 'explain' };
}
