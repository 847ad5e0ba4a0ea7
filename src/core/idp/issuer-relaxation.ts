import type { RecognizedIdp } from './recognize-idp.js';

/** How an AS metadata `issuer` that is not byte-equal to the PRM's entry was still accepted. */
export type IssuerAcceptance =
  | { kind: 'exact' }
  /** RFC 3986 §6.2.3: an empty path and "/" are equivalent (Google, Auth0: idp-quirks.md §6 row 1, §2 row 5). */
  | { kind: 'empty-path-slash'; warning: string }
  /** Entra multi-tenant authorities publish `{tenantid}` (§1 row 6, codex#38973); token iss is checked with tid. */
  | { kind: 'entra-tenant-template'; warning: string }
  | { kind: 'trusted'; warning: string }
  | { kind: 'refused' };

const parts = (value: string): URL | undefined => (URL.canParse(value) ? new URL(value) : undefined);

/**
 * The only relaxations of RFC 8414 §3.3 mcpauth makes (idp-quirks.md §18.5): the empty-path trailing
 * slash, Entra's `{tenantid}` template, and an issuer the user named with --trust-issuer. Nothing else.
 */
export function acceptIssuer(listed: string, found: unknown, idp: RecognizedIdp | undefined, trustIssuer: string | undefined): IssuerAcceptance {
  if (typeof found !== 'string') return { kind: 'refused' };
  if (found === listed) return { kind: 'exact' };
  const a = parts(found);
  const b = parts(listed);
  const emptyPath = (u: URL): boolean => u.pathname === '/' && u.search === '' && u.hash === '';
  if (a && b && a.origin === b.origin && emptyPath(a) && emptyPath(b) && /^[^?#]*:\/\/[^/]+\/?$/.test(found) && /^[^?#]*:\/\/[^/]+\/?$/.test(listed)) {
    return { kind: 'empty-path-slash', warning: `warning: the issuer ${found} differs from the PRM's ${listed} only by the trailing slash of an empty path (RFC 3986-equivalent); accepted. Strict clients refuse it: the server owner should copy the issuer byte-for-byte into authorization_servers.` };
  }
  if (idp?.id === 'entra' && found.includes('{tenantid}')) {
    const tenant = b?.pathname.split('/')[1];
    if (tenant !== undefined && found.replace('{tenantid}', tenant) === listed) {
      return { kind: 'entra-tenant-template', warning: `note: Entra multi-tenant authority: the metadata issuer is ${found}; accepted under Microsoft's rule that a token's iss is checked with its tid.` };
    }
  }
  if (trustIssuer !== undefined && trustIssuer === found) {
    return { kind: 'trusted', warning: `warning: the metadata issuer ${found} is not the PRM's ${listed}; accepted because of --trust-issuer.` };
  }
  return { kind: 'refused' };
}

/** Entra `{tenantid}` issuers: the issuer a token with this tid must carry (Microsoft's multi-tenant rule). */
export function expectedIssuerForToken(issuer: string, claims: Record<string, unknown>): string {
  return issuer.includes('{tenantid}') && typeof claims.tid === 'string' ? issuer.replace('{tenantid}', claims.tid) : issuer;
}
