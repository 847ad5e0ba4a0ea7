/**
 * The identity providers mcpauth knows, as data: /work/shared/reference/idp-quirks.md (the sourced
 * catalogue) §0.1 and §1-§15. `createApp` is the IdP's own "create an app" recipe, printed when the AS
 * offers no registration mcpauth can use; `{redirect}` is replaced by the exact URI(s) to register.
 */
export type IdpId =
  | 'entra'
  | 'auth0'
  | 'okta'
  | 'keycloak'
  | 'cognito'
  | 'google'
  | 'github'
  | 'workos'
  | 'stytch'
  | 'descope'
  | 'clerk'
  | 'ory'
  | 'scalekit'
  | 'cloudflare-wop'
  | 'pingone'
  | 'pingfederate';

/** Which loopback host the IdP matches on any port (RFC 8252 §7.3) or needs pinned. */
export type LoopbackRule =
  /** Any port on the registered loopback host (mcpauth still pins, so nothing changes between runs). */
  | 'any-port'
  /** Exact match including the port: the pinned port must be registered. */
  | 'exact'
  /** Entra: any port only for a port-less http://localhost registration (Mobile and desktop platform). */
  | 'portless-localhost';

export interface IdpDescriptor {
  id: IdpId;
  name: string;
  /** The catalogue section, for the closing note and `--json`. */
  section: string;
  /** The loopback host mcpauth uses by default for this IdP (catalogue §18.1). */
  loopbackHost: '127.0.0.1' | 'localhost';
  loopback: LoopbackRule;
  /** Steps to pre-register a client, with `{redirect}` for the URI(s) and `{url}` for the server. */
  createApp: string;
  /** The IdP needs the client secret even with PKCE (GitHub, Google desktop apps). */
  secretRequired: boolean;
  sources: string[];
}

const d = (descriptor: IdpDescriptor): IdpDescriptor => descriptor;

export const IDP_PROVIDERS: Readonly<Record<IdpId, IdpDescriptor>> = {
  entra: d({
    id: 'entra', name: 'Microsoft Entra ID', section: '§1', loopbackHost: 'localhost', loopback: 'portless-localhost', secretRequired: false,
    createApp: "Entra admin center > App registrations > New registration; Authentication > Add a platform > 'Mobile and desktop applications' with redirect {redirect}; 'Allow public client flows' = Yes; API permissions > add the API's delegated scope; then: mcpauth login {url} --client-id <application-id>",
    sources: ['https://github.com/anthropics/claude-code/issues/2527', 'https://learn.microsoft.com/en-us/entra/identity-platform/reply-url'],
  }),
  auth0: d({
    id: 'auth0', name: 'Auth0', section: '§2', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: "Auth0 Dashboard > Applications > Create Application > 'Native'; Allowed Callback URLs: {redirect}; APIs > create an API whose Identifier equals the server's resource; then: mcpauth login {url} --client-id <client-id> --audience <api-identifier>",
    sources: ['https://auth0.com/docs/api-auth/dynamic-client-registration'],
  }),
  okta: d({
    id: 'okta', name: 'Okta', section: '§3', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: "Okta Admin > Applications > Create App Integration > OIDC > 'Native Application' (Authorization Code + Refresh Token, PKCE); Sign-in redirect URIs: {redirect}; then: mcpauth login {url} --client-id <client-id>",
    sources: ['https://github.com/modelcontextprotocol/modelcontextprotocol/issues/695', 'https://support.okta.com/help/s/article/openid-connect-oidc-redirect-uri'],
  }),
  keycloak: d({
    id: 'keycloak', name: 'Keycloak', section: '§4', loopbackHost: '127.0.0.1', loopback: 'any-port', secretRequired: false,
    createApp: "Keycloak admin > <realm> > Clients > Create client (OpenID Connect, Client authentication off, Standard flow on); Valid redirect URIs: {redirect}; then: mcpauth login {url} --client-id <client-id>",
    sources: ['https://github.com/keycloak/keycloak/issues/25637', 'https://phasetwo.io/blog/instant-mcp-authorization-keycloak/'],
  }),
  cognito: d({
    id: 'cognito', name: 'Amazon Cognito', section: '§5', loopbackHost: 'localhost', loopback: 'exact', secretRequired: false,
    createApp: "Cognito console > User pool > App integration > Create app client (Public client, no secret; Authorization code grant); Allowed callback URLs: {redirect}; then: mcpauth login {url} --client-id <client-id>",
    sources: ['https://github.com/anthropics/claude-code/issues/67258', 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/cognitoidentityprovider/aws.sdk.kotlin.services.cognitoidentityprovider.model/-create-user-pool-client-request/callback-urls.html'],
  }),
  google: d({
    id: 'google', name: 'Google', section: '§6', loopbackHost: '127.0.0.1', loopback: 'any-port', secretRequired: true,
    createApp: "Google Cloud Console > Google Auth Platform > Clients > Create client > 'Desktop app' (loopback redirects on any port, {redirect} needs no registration); then: mcpauth login {url} --client-id <id> --client-secret-env <VAR>",
    sources: ['https://github.com/google/mcp/issues/39', 'https://developers.google.com/identity/protocols/oauth2/resources/loopback-migration'],
  }),
  github: d({
    id: 'github', name: 'GitHub', section: '§7', loopbackHost: '127.0.0.1', loopback: 'any-port', secretRequired: true,
    createApp: "GitHub > Settings > Developer settings > OAuth Apps > New OAuth App; Authorization callback URL: {redirect} (GitHub accepts any port for a loopback callback); then: mcpauth login {url} --client-id <client-id> --client-secret-env <VAR>",
    sources: ['https://github.com/github/github-mcp-server/issues/2532', 'https://github.com/github/docs/issues/13651'],
  }),
  workos: d({
    id: 'workos', name: 'WorkOS AuthKit', section: '§8', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: 'WorkOS Dashboard > Connect > Configuration: enable Dynamic Client Registration (and CIMD); or create an OAuth application with redirect {redirect}',
    sources: ['https://docs.skybridge.tech/api-reference/workos-provider'],
  }),
  stytch: d({
    id: 'stytch', name: 'Stytch', section: '§9', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: 'Stytch Dashboard > Connected Apps: enable Dynamic Client Registration, or create a public client with redirect {redirect}',
    sources: ['https://stytch.com/docs/guides/connected-apps/client-types'],
  }),
  descope: d({
    id: 'descope', name: 'Descope', section: '§10', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: 'Descope console > Agentic Identity Hub > MCP Server: enable Dynamic Client Registration, or pre-register a client with redirect {redirect}',
    sources: ['https://docs.descope.com/agentic-identity-hub/mcp-servers/registration-methods'],
  }),
  clerk: d({
    id: 'clerk', name: 'Clerk', section: '§11', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: 'Clerk Dashboard > OAuth applications: enable Dynamic client registration, or add an OAuth application with redirect {redirect}',
    sources: ['https://github.com/clerk/clerk-docs/pull/2583'],
  }),
  ory: d({
    id: 'ory', name: 'Ory Hydra / Ory Network', section: '§12', loopbackHost: '127.0.0.1', loopback: 'any-port', secretRequired: false,
    createApp: 'Ory: enable oidc.dynamic_client_registration, or create an OAuth2 client (token_endpoint_auth_method none) with redirect {redirect}',
    sources: ['https://github.com/ory/fosite/pull/874'],
  }),
  scalekit: d({
    id: 'scalekit', name: 'Scalekit', section: '§13', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: 'Scalekit dashboard > MCP Servers: DCR and CIMD are on by default; check the server\'s Resource Identifier', sources: ['https://xmcp.dev/docs/integrations/scalekit'],
  }),
  'cloudflare-wop': d({
    id: 'cloudflare-wop', name: 'Cloudflare workers-oauth-provider', section: '§14', loopbackHost: '127.0.0.1', loopback: 'any-port', secretRequired: false,
    createApp: 'workers-oauth-provider registers clients dynamically; make sure its registration endpoint is configured', sources: ['https://github.com/cloudflare/workers-oauth-provider/pull/145'],
  }),
  pingone: d({
    id: 'pingone', name: 'PingOne', section: '§15', loopbackHost: '127.0.0.1', loopback: 'any-port', secretRequired: false,
    createApp: "PingOne > Applications > Add application > 'Native'; redirect {redirect}; grant it the scopes of a custom resource whose Audience is the server's resource",
    sources: ['https://docs.pingidentity.com/pingone/applications/p1_wildcard_redirect_uri.md'],
  }),
  pingfederate: d({
    id: 'pingfederate', name: 'PingFederate', section: '§15', loopbackHost: '127.0.0.1', loopback: 'exact', secretRequired: false,
    createApp: 'PingFederate admin: enable Dynamic Client Registration (System > OAuth Settings > Client Settings) or pre-register a client with redirect {redirect}',
    sources: ['https://docs.pingidentity.com/pingfederate/latest/developers_reference_guide/pf_dynamic_registra_endpoint.html'],
  }),
};

export const IDP_IDS = Object.keys(IDP_PROVIDERS) as IdpId[];
