import type { IncomingMessage } from 'node:http';
import type { AuthServerKnobs, MetadataKind } from './auth-server-knobs.js';
import { METADATA_PRESETS } from './auth-server-knobs.js';

const RFC8414 = '/.well-known/oauth-authorization-server';
const OIDC = '/.well-known/openid-configuration';

/** The URL path each metadata location has for an issuer path ('' for an origin-only issuer). */
export function metadataPath(kind: MetadataKind, issuerPath: string): string {
  switch (kind) {
    case 'rfc8414':
      return `${RFC8414}${issuerPath}`;
    case 'oidc-inserted':
      return `${OIDC}${issuerPath}`;
    case 'oidc-appended':
      return `${issuerPath}${OIDC}`;
    case 'root':
      return RFC8414;
    case 'rfc8414-appended':
      return `${issuerPath}${RFC8414}`;
  }
}

export type Route = { kind: 'provider'; url: string } | { kind: 'hidden' } | { kind: 'outside' };

const ALL_KINDS: MetadataKind[] = ['rfc8414', 'oidc-inserted', 'oidc-appended', 'root', 'rfc8414-appended'];

/**
 * Decides who answers a request. Metadata URLs are rewritten to the provider's own discovery route (so
 * oidc-provider builds the document) or hidden; everything under the issuer path goes to the provider with the
 * prefix stripped, which oidc-provider reads back from req.originalUrl as its mount path.
 */
export function routeAuthRequest(req: IncomingMessage, knobs: AuthServerKnobs): Route {
  const issuerPath = knobs.issuerPath ?? '';
  const target = new URL(req.url ?? '/', 'http://x');
  const location = knobs.metadataLocation ?? 'all';
  const allowed = new Set(Array.isArray(location) ? location : METADATA_PRESETS[location]);
  const matching = ALL_KINDS.filter((kind) => metadataPath(kind, issuerPath) === target.pathname);
  if (matching.length > 0) {
    return matching.some((kind) => allowed.has(kind)) ? { kind: 'provider', url: `${OIDC}${target.search}` } : { kind: 'hidden' };
  }
  if (issuerPath === '') return { kind: 'provider', url: req.url ?? '/' };
  if (target.pathname === issuerPath || target.pathname.startsWith(`${issuerPath}/`)) {
    return { kind: 'provider', url: (req.url ?? '/').slice(issuerPath.length) || '/' };
  }
  return { kind: 'outside' };
}

/** Applies the metadata knobs to the document oidc-provider built. */
export function transformMetadata(doc: Record<string, unknown>, knobs: AuthServerKnobs, resourceScopes: string[]): void {
  if (knobs.pkceMethods === null) delete doc.code_challenge_methods_supported;
  else if (knobs.pkceMethods) doc.code_challenge_methods_supported = knobs.pkceMethods;
  if (knobs.issuerOverride !== undefined) doc.issuer = knobs.issuerOverride;
  const iss = knobs.authorizationResponseIssParameter ?? true;
  if (iss === false || iss === 'unadvertised') delete doc.authorization_response_iss_parameter_supported;
  if (knobs.advertiseResourceScopes && Array.isArray(doc.scopes_supported)) {
    doc.scopes_supported = [...doc.scopes_supported, ...resourceScopes];
  }
  for (const [key, value] of Object.entries(knobs.metadataOverrides ?? {})) {
    if (value === null) delete doc[key];
    else doc[key] = value;
  }
}

/** RFC 9207 knob on the authorization response redirect: drop or falsify `iss`. */
export function rewriteIssParameter(location: string, knobs: AuthServerKnobs): string {
  const iss = knobs.authorizationResponseIssParameter ?? true;
  // Relative locations are oidc-provider's own interaction hops, never the client's redirect_uri.
  if (iss === true || iss === 'unadvertised' || !URL.canParse(location)) return location;
  const url = new URL(location);
  if (!url.searchParams.has('iss')) return location;
  if (iss === false) url.searchParams.delete('iss');
  else url.searchParams.set('iss', 'https://wrong-issuer.invalid');
  return url.href;
}
