import type { IdpId } from './providers.js';

/**
 * Detection signatures, idp-quirks.md §16 ("Summary: detection signatures"). Evidence order there:
 * issuer host/path, endpoint shapes, vendor-specific metadata fields. Host names alone are not enough
 * (custom domains and proxies hide them), so each IdP also has shape and field signals.
 *
 * Weights: 'host' and 'field' are conclusive on their own (3); 'shape' is circumstantial (1 each).
 */
export type SignalKind = 'host' | 'field' | 'shape';

export interface MetadataView {
  /** The identifier the PRM listed (or the one given), as a string. */
  issuer: string;
  /** The AS metadata document, when one was found. */
  metadata: Record<string, unknown> | undefined;
}

export interface Signature {
  idp: IdpId;
  kind: SignalKind;
  /** What was seen, one phrase (shown as evidence). */
  describe: string;
  test: (view: MetadataView) => boolean;
}

const urlOf = (value: unknown): URL | undefined => (typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined);
const host = (view: MetadataView): string => urlOf(view.metadata?.issuer)?.hostname ?? urlOf(view.issuer)?.hostname ?? '';
const issuerPath = (view: MetadataView): string => urlOf(view.metadata?.issuer ?? view.issuer)?.pathname ?? '';
const endpointPath = (view: MetadataView, field: string): string => urlOf(view.metadata?.[field])?.pathname ?? '';
const endpointHost = (view: MetadataView, field: string): string => urlOf(view.metadata?.[field])?.hostname ?? '';
const has = (view: MetadataView, field: string): boolean => view.metadata?.[field] !== undefined;
const listHas = (view: MetadataView, field: string, value: string): boolean => {
  const list = view.metadata?.[field];
  return Array.isArray(list) && list.includes(value);
};
const s = (idp: IdpId, kind: SignalKind, describe: string, test: (view: MetadataView) => boolean): Signature => ({ idp, kind, describe, test });

export const SIGNATURES: readonly Signature[] = [
  // §1 / §16 Entra ID: vscode#248775 (metadata dump), django-bastion#38; extension fields seen in public fixtures.
  s('entra', 'host', 'issuer host login.microsoftonline.* / sts.windows.net', (v) => /^(login\.microsoftonline\.(com|us)|sts\.windows\.net|login\.windows\.net)$/.test(host(v))),
  s('entra', 'field', 'Entra-only metadata fields (cloud_instance_name, msgraph_host, tenant_region_scope)', (v) => ['cloud_instance_name', 'msgraph_host', 'tenant_region_scope', 'rbac_url', 'kerberos_endpoint'].some((f) => has(v, f))),
  s('entra', 'field', 'microsoft_multi_refresh_token (Entra v1)', (v) => has(v, 'microsoft_multi_refresh_token')),
  s('entra', 'shape', 'issuer path /{tenant}/v2.0 or the {tenantid} template', (v) => /^\/[^/]+\/v2\.0\/?$/.test(issuerPath(v)) || String(v.metadata?.issuer ?? '').includes('{tenantid}')),
  s('entra', 'shape', 'endpoints /oauth2/v2.0/authorize and /oauth2/v2.0/token', (v) => /\/oauth2\/v2\.0\/authorize$/.test(endpointPath(v, 'authorization_endpoint'))),
  // §2 Auth0: Auth0 DCR doc (/oidc/register), nextjs-auth0#2693 (trailing-slash issuer).
  s('auth0', 'host', 'issuer host *.auth0.com', (v) => /\.auth0\.com$/.test(host(v))),
  s('auth0', 'shape', 'registration endpoint /oidc/register', (v) => endpointPath(v, 'registration_endpoint') === '/oidc/register'),
  s('auth0', 'shape', 'token endpoint /oauth/token with an issuer ending in "/"', (v) => endpointPath(v, 'token_endpoint') === '/oauth/token' && /^https?:\/\/[^/]+\/$/.test(String(v.metadata?.issuer ?? ''))),
  // §3 Okta: okta-auth-js fixture (okta_post_message), MCPJam#1002 (custom AS path).
  s('okta', 'host', 'issuer host *.okta.com / *.oktapreview.com', (v) => /\.(okta|oktapreview|okta-emea)\.com$/.test(host(v))),
  s('okta', 'field', 'response_modes_supported lists okta_post_message', (v) => listHas(v, 'response_modes_supported', 'okta_post_message')),
  s('okta', 'shape', 'registration endpoint /oauth2/v1/clients', (v) => endpointPath(v, 'registration_endpoint') === '/oauth2/v1/clients'),
  s('okta', 'shape', 'endpoints /oauth2[/<id>]/v1/authorize', (v) => /^\/oauth2(\/[^/]+)?\/v1\/authorize$/.test(endpointPath(v, 'authorization_endpoint'))),
  // §4 Keycloak: keycloak#40923, akb#635 (clients-registrations path).
  s('keycloak', 'shape', 'issuer path /realms/{realm} (optionally under /auth)', (v) => /^(\/auth)?\/realms\/[^/]+\/?$/.test(issuerPath(v))),
  s('keycloak', 'shape', 'endpoints /protocol/openid-connect/*', (v) => /\/protocol\/openid-connect\/auth$/.test(endpointPath(v, 'authorization_endpoint'))),
  s('keycloak', 'shape', 'registration endpoint /clients-registrations/openid-connect', (v) => /\/clients-registrations\/openid-connect$/.test(endpointPath(v, 'registration_endpoint'))),
  // §5 Cognito: claude-code#13275 (split host), zuplo DCR error page (issuer shape).
  s('cognito', 'host', 'issuer host cognito-idp.<region>.amazonaws.com', (v) => /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/.test(host(v))),
  s('cognito', 'shape', 'issuer path /<region>_<pool id>', (v) => /^\/[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/.test(issuerPath(v))),
  s('cognito', 'shape', 'endpoints …/oauth2/authorize on a host other than the issuer', (v) => endpointPath(v, 'authorization_endpoint').endsWith('/oauth2/authorize') && endpointHost(v, 'authorization_endpoint') !== '' && endpointHost(v, 'authorization_endpoint') !== host(v)),
  s('cognito', 'host', 'endpoints on *.amazoncognito.com', (v) => /\.amazoncognito\.com$/.test(endpointHost(v, 'token_endpoint'))),
  // §6 Google: agentconnect#2133.
  s('google', 'host', 'issuer host accounts.google.com', (v) => host(v) === 'accounts.google.com'),
  s('google', 'host', 'token endpoint on oauth2.googleapis.com', (v) => endpointHost(v, 'token_endpoint') === 'oauth2.googleapis.com'),
  s('google', 'shape', 'authorization endpoint /o/oauth2/v2/auth', (v) => endpointPath(v, 'authorization_endpoint') === '/o/oauth2/v2/auth'),
  // §7 GitHub: github-mcp-server#2901 (issuer /login/oauth), refresh doc.
  s('github', 'host', 'issuer https://github.com/login/oauth', (v) => host(v) === 'github.com' && issuerPath(v).startsWith('/login/oauth')),
  s('github', 'shape', 'issuer path /login/oauth', (v) => /^\/login\/oauth\/?$/.test(issuerPath(v))),
  s('github', 'shape', 'token endpoint /login/oauth/access_token', (v) => endpointPath(v, 'token_endpoint') === '/login/oauth/access_token'),
  s('github', 'shape', 'device endpoint /login/device/code', (v) => endpointPath(v, 'device_authorization_endpoint') === '/login/device/code'),
  // §8-§15, from the §16 table.
  s('workos', 'host', 'issuer host *.authkit.app / signin.workos.com', (v) => /(\.authkit\.app|^signin\.workos\.com)$/.test(host(v))),
  s('stytch', 'host', 'issuer host *.customers.stytch.com/.dev or stytch.com', (v) => /(\.customers\.stytch\.(com|dev)|^stytch\.com)$/.test(host(v))),
  s('descope', 'host', 'issuer host api.descope.com', (v) => host(v) === 'api.descope.com'),
  s('descope', 'shape', 'issuer path /v1/apps/agentic/…', (v) => issuerPath(v).startsWith('/v1/apps/agentic/')),
  s('clerk', 'host', 'issuer host *.clerk.accounts.dev', (v) => /\.clerk\.accounts\.dev$/.test(host(v))),
  s('clerk', 'shape', 'device endpoint /oauth/device_authorization', (v) => endpointPath(v, 'device_authorization_endpoint') === '/oauth/device_authorization'),
  s('clerk', 'field', 'Clerk scopes public_metadata / private_metadata', (v) => listHas(v, 'scopes_supported', 'public_metadata') || listHas(v, 'scopes_supported', 'private_metadata')),
  s('ory', 'host', 'issuer host *.projects.oryapis.com', (v) => /\.projects\.oryapis\.com$/.test(host(v))),
  s('ory', 'shape', 'endpoints /oauth2/auth and /oauth2/token', (v) => endpointPath(v, 'authorization_endpoint') === '/oauth2/auth' && endpointPath(v, 'token_endpoint') === '/oauth2/token'),
  s('scalekit', 'host', 'issuer host *.scalekit.com / *.scalekit.dev', (v) => /\.scalekit\.(com|dev)$/.test(host(v))),
  s('pingone', 'host', 'issuer host auth.pingone.*', (v) => /^auth\.pingone\.(com|eu|asia|ca)$/.test(host(v))),
  s('pingone', 'shape', 'issuer path /{envId}/as', (v) => /^\/[0-9a-f-]{36}\/as\/?$/.test(issuerPath(v))),
  s('pingfederate', 'shape', 'endpoints /as/authorization.oauth2 and /as/token.oauth2', (v) => endpointPath(v, 'authorization_endpoint') === '/as/authorization.oauth2'),
  s('pingfederate', 'shape', 'registration endpoint /as/clients.oauth2', (v) => endpointPath(v, 'registration_endpoint') === '/as/clients.oauth2'),
];

export const SIGNAL_WEIGHT: Readonly<Record<SignalKind, number>> = { host: 3, field: 3, shape: 1 };
