import type { Severity } from '../findings/severity.js';
import type { IdpId } from './providers.js';

/**
 * The IdP quirks `probe` can see from metadata, with the catalogue's fix text and its sources
 * (idp-quirks.md §1-§15; the `FIX:` column, lightly shortened). Ids are stable: probe reports them as
 * `idp-<id>` and `probe --list-findings` lists them.
 */
export interface IdpQuirk {
  idp: IdpId;
  severity: Severity;
  title: string;
  fix: string;
  sources: string[];
}

const q = (idp: IdpId, severity: Severity, title: string, fix: string, sources: string[]): IdpQuirk => ({ idp, severity, title, fix, sources });

export const IDP_QUIRKS = {
  'entra-resource-rejected': q('entra', 'warning', 'Entra v2 rejects RFC 8707 resource unless it equals the App ID URI of the requested scopes (AADSTS9010010)',
    "Entra v2 does not use 'resource' for audience: mcpauth omits it on authorize, token and refresh unless it equals the App ID URI of the scopes (override: --resource / --no-resource). Server owner: set the App ID URI equal to the PRM resource and advertise fully-qualified scopes ('api://<app-id>/mcp.read').",
    ['https://github.com/anthropics/claude-code/issues/73460', 'https://github.com/anthropics/claude-ai-mcp/issues/514', 'https://github.com/anthropics/claude-ai-mcp/issues/977']),
  'entra-bare-scopes': q('entra', 'warning', 'PRM scopes are bare names, which Entra resolves against Microsoft Graph (AADSTS650053 / 9010010)',
    "Advertise fully-qualified scopes in scopes_supported ('api://<app-id>/<scope>' or '<App ID URI>/.default'); meanwhile pass --audience <App ID URI> and mcpauth qualifies the scopes.",
    ['https://github.com/anthropics/claude-ai-mcp/issues/977', 'https://github.com/anthropics/claude-code/issues/89438']),
  'entra-pkce-unadvertised': q('entra', 'info', 'Entra supports PKCE S256 but does not advertise code_challenge_methods_supported',
    'Nothing to do for mcpauth: it proceeds with S256 for a recognised Entra authority and says so. Strict clients (AI SDK) refuse this AS.',
    ['https://github.com/vercel/ai/issues/18674', 'https://github.com/microsoft/vscode/issues/248775']),
  'entra-no-dcr': q('entra', 'warning', 'Entra has no dynamic client registration',
    "Create an app registration (Mobile and desktop platform, redirect http://localhost without port; 'Allow public client flows' = Yes), grant it the API's delegated scope, then: mcpauth login <url> --client-id <app-id>.",
    ['https://github.com/anthropics/claude-code/issues/2527', 'https://github.com/Azure/azure-mcp/pull/995']),
  'entra-templated-issuer': q('entra', 'warning', 'Multi-tenant Entra authority: the issuer is the {tenantid} template',
    "Ask the server owner to list the tenant-specific issuer (https://login.microsoftonline.com/<tenant-guid>/v2.0) in PRM authorization_servers. mcpauth accepts the template and checks token 'iss' against the token's tid.",
    ['https://github.com/openai/codex/issues/38973', 'https://github.com/thesaadmirza/django-bastion/issues/38']),
  'entra-guid-audience': q('entra', 'info', 'Entra v2 access tokens carry aud = the API client-ID GUID, not the PRM resource',
    'The server must accept the API application (client) ID GUID as audience; `mcpauth token inspect` shows aud next to the PRM resource.',
    ['https://github.com/modelcontextprotocol/csharp-sdk/pull/1801']),
  'auth0-resource-ignored': q('auth0', 'warning', "Auth0 ignores RFC 8707 'resource' by default and binds the audience only through 'audience'",
    "Pass --audience <api-identifier> to mcpauth login. Tenant admin: Settings > Advanced > enable 'Resource Parameter Compatibility Profile', and create an API whose Identifier equals the PRM resource exactly.",
    ['https://auth0.com/ai/docs/mcp/guides/resource-param-compatibility-profile', 'https://github.com/microsoft/vscode/issues/274226', 'https://github.com/danny-avila/LibreChat/issues/13401']),
  'auth0-dcr-off': q('auth0', 'warning', 'Auth0 dynamic client registration is off (the default)',
    'Enable Dashboard > Settings > Advanced > Dynamic Client Registration, or pre-register a Native app and pass --client-id.',
    ['https://auth0.com/docs/api-auth/dynamic-client-registration']),
  'auth0-dcr-third-party': q('auth0', 'info', 'Auth0 DCR clients are third-party apps that see only domain-level connections',
    "In Auth0, promote your login connection to domain level, enable Application Connections, and set the API's user access policy to Allow; enable 'Allow Offline Access' on the API for refresh tokens.",
    ['https://github.com/auth0/docs/issues/4498', 'https://github.com/danny-avila/LibreChat/pull/8691']),
  'okta-org-as': q('okta', 'error', "The PRM points at Okta's org authorization server, whose tokens are only for Okta APIs",
    'Point PRM authorization_servers at a custom AS (https://<domain>/oauth2/<id>) whose Audience equals the MCP resource URL.',
    ['https://github.com/mastra-ai/mastra/pull/21126', 'https://github.com/MaterializeInc/materialize/pull/37528']),
  'okta-dcr-admin-token': q('okta', 'warning', "Okta's registration endpoint needs an admin API token (SSWS); MCP clients cannot self-register",
    'Create an OIDC Native app (PKCE, Authorization Code + Refresh Token) and run mcpauth login <url> --client-id <id>.',
    ['https://github.com/modelcontextprotocol/modelcontextprotocol/issues/695', 'https://github.com/microsoft/vscode/issues/263336']),
  'okta-audience-per-as': q('okta', 'info', 'Okta binds the audience per custom authorization server, not per request',
    "Set the custom authorization server's Audience to the PRM resource (Security > API > Authorization Servers).",
    ['https://zuplo.com/docs/articles/configuring-okta-for-mcp-auth.md']),
  'keycloak-audience-mapper': q('keycloak', 'warning', 'Keycloak issues tokens without the MCP server in aud unless an Audience mapper exists',
    "Create a client scope with an 'Audience' mapper whose Included Custom Audience = the PRM resource, make it default/optional on the client, and request that scope (or start Keycloak with --features=resource-indicators).",
    ['https://phasetwo.io/tutorials/emerging/mcp-server-auth/', 'https://phasetwo.io/blog/instant-mcp-authorization-keycloak/']),
  'keycloak-dcr-policies': q('keycloak', 'info', "Keycloak anonymous registration is gated by realm policies ('Trusted Hosts', 'Allowed Client Scopes')",
    "Realm > Clients > Client registration > Anonymous access policies: remove or relax 'Trusted Hosts' and 'Allowed Client Scopes', or pre-create a public client and use --client-id.",
    ['https://github.com/dnotitia/akb/issues/635', 'https://github.com/turnstonelabs/turnstone/issues/1082']),
  'keycloak-realm-metadata': q('keycloak', 'info', 'Keycloak < 26.4 serves metadata only under the realm path (no RFC 8414 path-inserted document)',
    'Upgrade Keycloak to 26.4+; clients using strict RFC 8414 insertion fail on older versions (mcpauth also tries the OIDC locations).',
    ['https://github.com/keycloak/keycloak/issues/40923', 'https://github.com/keycloak/keycloak/issues/48527']),
  'cognito-no-aud': q('cognito', 'warning', "Cognito access tokens carry no aud (client_id instead) unless resource binding is on",
    "Server: validate 'client_id' (and scope) instead of aud, or enable resource indicators (Managed Login, Essentials/Plus) so aud = resource.",
    ['https://github.com/PrefectHQ/fastmcp/issues/3739', 'https://github.com/apollographql/apollo-mcp-server/issues/640']),
  'cognito-pkce-unadvertised': q('cognito', 'info', 'Cognito supports PKCE S256 but does not advertise it',
    'Nothing to do for mcpauth: it proceeds with S256 for a recognised Cognito pool and says so.',
    ['https://github.com/anthropics/claude-code/issues/13275', 'https://github.com/empires-security/mcp-oauth2-aws-cognito/issues/9']),
  'cognito-no-dcr': q('cognito', 'warning', 'Cognito has no dynamic client registration',
    'Create an app client (public, no secret; Authorization code grant; callback http://localhost:<port>/callback), then: mcpauth login <url> --client-id <id> --port <port>.',
    ['https://github.com/anthropics/claude-code/issues/67258', 'https://github.com/anthropics/claude-code/issues/38102']),
  'cognito-pool-scopes': q('cognito', 'warning', 'The PRM lists no scopes and the pool-wide scopes_supported includes scopes app clients rarely allow',
    "Have the server advertise scopes_supported in its PRM; mcpauth never requests the AS's whole list.",
    ['https://github.com/openchoreo/openchoreo/issues/3217']),
  'google-trailing-slash': q('google', 'warning', "The PRM lists 'https://accounts.google.com/' while the issuer has no trailing slash",
    "mcpauth accepts this empty-path equivalence with a warning; server owner: publish authorization_servers exactly as the AS issuer ('https://accounts.google.com').",
    ['https://github.com/github/copilot-cli/issues/4606', 'https://github.com/modelcontextprotocol/python-sdk/issues/1919']),
  'google-no-dcr': q('google', 'warning', 'Google supports neither DCR nor CIMD; the secret of a Desktop client is still required',
    "Create a 'Desktop app' OAuth client in Google Cloud Console > Google Auth Platform > Clients, then: mcpauth login <url> --client-id <id> --client-secret-env <VAR>.",
    ['https://github.com/google/mcp/issues/39', 'https://docs.rs/pidge-gmail/3.1.0/pidge_gmail/auth/']),
  'github-no-dcr': q('github', 'warning', 'GitHub has no dynamic client registration, and needs the client secret even with PKCE',
    'Register a GitHub OAuth App with callback http://127.0.0.1/callback, then: mcpauth login <url> --client-id <id> --client-secret-env <VAR>. Or use a fine-grained PAT as a static bearer header.',
    ['https://github.com/github/github-mcp-server/issues/2532', 'https://github.blog/changelog/2025-07-14-pkce-support-for-oauth-and-github-app-authentication']),
  'github-token-endpoint': q('github', 'info', 'GitHub answers token errors with HTTP 200 and form-encoded bodies unless JSON is asked for',
    'Nothing to do for mcpauth: it sends Accept: application/json, reads error on any status and parses form bodies.',
    ['https://github.com/modelcontextprotocol/typescript-sdk/issues/1342', 'https://github.com/vercel/ai/issues/10899']),
  'dcr-toggle-off': q('workos', 'warning', 'This IdP supports dynamic client registration, but it is switched off',
    'Enable Dynamic Client Registration (or CIMD) in the IdP dashboard, or pre-register a client and pass --client-id.',
    ['https://docs.skybridge.tech/api-reference/workos-provider', 'https://stytch.com/docs/guides/connected-apps/client-types', 'https://github.com/clerk/clerk-docs/pull/2583']),
  'clerk-no-aud': q('clerk', 'info', 'Clerk access tokens carry no aud claim',
    'Server: validate iss + azp/client_id + scope for Clerk tokens.', ['https://docs.skybridge.tech/guides/auth-providers']),
  'ory-resource-ignored': q('ory', 'warning', "Ory Hydra ignores RFC 8707 'resource' and uses its own 'audience' parameter",
    "Pass --audience <resource> to mcpauth login; server: add the resource to the client's allowed audiences.",
    ['https://github.com/agentarea/agentarea/pull/381', 'https://github.com/ory/elements/issues/587']),
} as const satisfies Record<string, IdpQuirk>;

export type IdpQuirkId = keyof typeof IDP_QUIRKS;
export const IDP_QUIRK_IDS = Object.keys(IDP_QUIRKS) as IdpQuirkId[];
