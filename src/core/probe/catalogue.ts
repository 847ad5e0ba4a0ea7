import type { Severity } from '../findings/severity.js';
import { IDP_PROVIDERS, IDP_QUIRK_IDS, IDP_QUIRKS, type IdpQuirkId } from '../idp/index.js';

/** A finding kind: a public interface (ids are stable; `mcpauth probe --list-findings` prints this table). */
export interface FindingKind {
  severity: Severity;
  /** When it is reported, in one line (the "when" column of docs/probe.md). */
  title: string;
  /**
   * The rule broken, as citations separated by '; ': `RFC 9728 §3.3`, `OAuth 2.1 §1.5`, or an MCP document and
   * its section title (`MCP 2025-11-25 §Token Handling`), each optionally followed by a note in parentheses.
   * docs/probe.md renders each as a link (test/docs/spec-links.ts), and a test keeps them resolvable.
   */
  spec: string;
  fix: string;
}

const k = (severity: Severity, title: string, spec: string, fix: string): FindingKind => ({ severity, title, spec, fix });

// Ordered by the chain: transport, challenge, PRM, AS metadata, token handling, CORS, versions, active.
const SPEC_FINDINGS = {
  'endpoint-unreachable': k('error', 'DNS failure, connection refused, or timeout before any answer', 'none (transport)', 'Check the URL, DNS and that the server listens there; raise --timeout for slow servers.'),
  'transport-tls-error': k('error', 'TLS certificate invalid, expired, self-signed, or for another host', 'RFC 9728 §7.3 (TLS checking MUST be performed)', 'Serve a certificate from a public CA for this host name; for a private CA pass --ca-file or set NODE_EXTRA_CA_CERTS.'),
  'transport-insecure-http': k('error', 'The MCP URL is plain http on a non-loopback host', 'MCP 2025-11-25 §Communication Security; OAuth 2.1 §1.5; RFC 6750 §5.3', 'Serve the MCP endpoint over https; plain http is only acceptable on loopback.'),
  'probe-incomplete': k('warning', 'The probe hit its overall time bound; later checks did not run', 'none (tool limit)', 'Re-run with a larger --timeout, or check why the server answers so slowly.'),
  'challenge-not-401': k('error', 'The unauthenticated request gets a redirect, 403, 404, 5xx, or 200 although metadata says auth is required', 'MCP 2025-11-25 §Error Handling; RFC 6750 §3.1; MCP 2025-03-26 §2.2 Example: authorization code grant (servers MUST respond with 401)', 'Answer requests without a token with 401 and a Bearer WWW-Authenticate challenge; do not redirect API clients to a login page.'),
  'challenge-missing-header': k('error', '401 without WWW-Authenticate', 'RFC 9110 §15.5.2 (MUST); RFC 6750 §3', 'Send `WWW-Authenticate: Bearer resource_metadata="<PRM URL>", scope="…"` with every 401; check that no proxy strips it.'),
  'challenge-not-bearer': k('error', 'No Bearer challenge (only Basic, Negotiate, …)', 'RFC 6750 §3; RFC 9728 §5.1', 'Challenge with the Bearer scheme (you may keep other schemes alongside it).'),
  'challenge-malformed': k('error', 'WWW-Authenticate cannot be parsed as RFC 9110 challenges', 'RFC 9110 §11.6.1; MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements (clients MUST parse it)', 'Emit `Bearer name="value", name2="value2"` with quoted values and escaped quotes; do not concatenate headers by hand.'),
  'challenge-no-resource-metadata': k('warning', 'Bearer challenge without resource_metadata (error if no well-known PRM works either)', 'MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements; MCP 2025-06-18 §Authorization Server Location (MUST)', 'Add `resource_metadata="<absolute PRM URL>"` to the Bearer challenge (2025-06-18 clients need it).'),
  'challenge-resource-metadata-invalid': k('error', 'resource_metadata is not an absolute http(s) URL, or is http on a non-loopback host', 'RFC 9728 §5.1; MCP 2025-11-25 §Communication Security', 'Use an absolute https URL for resource_metadata.'),
  'challenge-resource-metadata-cross-origin': k('warning', 'resource_metadata points to another origin than the MCP URL', 'RFC 9728 §7.7; MCP Security Best Practices §Server-Side Request Forgery (SSRF)', 'Serve the PRM on the MCP server\'s origin; SSRF-averse clients may refuse a foreign origin.'),
  'challenge-error-without-token': k('info', 'The no-token 401 carries error="invalid_token"', 'RFC 6750 §3.1 (SHOULD NOT include an error code when no credentials were sent)', 'Leave `error` out of the challenge when the request had no token.'),
  'challenge-no-scope': k('warning', 'No scope in the challenge and no scopes_supported in the PRM', 'MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements (SHOULD); MCP 2025-11-25 §Scope Selection Strategy', 'Add `scope="…"` to the challenge or `scopes_supported` to the PRM so clients know what to request.'),
  'scope-offline-access': k('warning', 'The challenge scope or PRM scopes_supported includes offline_access', 'MCP 2026-07-28 §Refresh Tokens (SHOULD NOT)', 'Do not list offline_access as a resource scope; clients request it from the AS when they want refresh tokens.'),
  'url-private-address': k('warning', 'A URL from server metadata leads to a private, link-local or cloud metadata address while the MCP server does not', 'MCP Security Best Practices §Server-Side Request Forgery (SSRF)', 'Publish public endpoints; if the identity provider is internal by design, clients need an explicit opt-in (mcpauth: --allow-private).'),
  'prm-not-found': k('error', 'No protected resource metadata at the header URL or either well-known URL', 'MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements; RFC 9728 §3', 'Serve the PRM JSON at /.well-known/oauth-protected-resource<mcp path> and point resource_metadata at it.'),
  'prm-header-url-broken': k('error', "The header's resource_metadata URL fails while a well-known URL works", 'MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements (clients MUST use the header URL when present)', 'Fix the resource_metadata URL in the challenge (clients such as the TS SDK do not fall back).'),
  'prm-appended-path': k('error', 'PRM found only at the appended <url>/.well-known/oauth-protected-resource', 'RFC 9728 §3, §3.1', 'Move the document to /.well-known/oauth-protected-resource<mcp path> (inserted after the host, not appended).'),
  'prm-invalid-response': k('error', 'PRM answer is non-200, HTML, non-JSON, too large, or has the wrong content type (warning if only that)', 'RFC 9728 §3.2', 'Answer 200 with a JSON object and `Content-Type: application/json`, without authentication.'),
  'prm-redirected': k('warning', 'PRM reached only through HTTP redirects', 'MCP Security Best Practices §Server-Side Request Forgery (SSRF) (validate each hop)', 'Serve the document at the URL itself; some clients do not follow redirects for metadata.'),
  'prm-resource-mismatch': k('error', '`resource` is not the URL that was dialled (different origin or path), or is missing', 'RFC 9728 §3.3 (MUST NOT use the data)', 'Set `resource` to exactly the MCP endpoint URL clients connect to.'),
  'prm-resource-near-match': k('warning', '`resource` differs only by trailing slash, case, default port, or is a same-origin path prefix', 'RFC 9728 §3.3, §6 (identical strings); MCP 2025-11-25 §Canonical Server URI', 'Set `resource` to exactly the MCP URL; the TS/Python SDKs tolerate this, strict clients refuse it.'),
  'prm-no-authorization-servers': k('error', 'authorization_servers missing, empty or malformed', 'MCP 2025-11-25 §Authorization Server Location; RFC 9728 §2', 'List at least one issuer URL in `authorization_servers`.'),
  'prm-authorization-server-invalid': k('error', 'An authorization_servers entry is not an https URL, or has a query or fragment', 'RFC 8414 §2; MCP 2025-11-25 §Communication Security', 'List the exact issuer identifier (https, no query, no fragment).'),
  'prm-too-many-authorization-servers': k('warning', 'authorization_servers lists more than 5 issuers; only the first 5 are checked', 'MCP Security Best Practices §Server-Side Request Forgery (SSRF) (bound what server metadata makes a client fetch)', 'List only the authorization servers clients should use (normally one).'),
  'prm-no-scopes-supported': k('warning', 'PRM has no scopes_supported', 'RFC 9728 §2 (RECOMMENDED); MCP 2025-11-25 §Scope Selection Strategy', 'Add `scopes_supported` listing the scopes the MCP server understands.'),
  'prm-bearer-query': k('warning', 'bearer_methods_supported includes query or lacks header', 'MCP 2025-11-25 §Token Requirements; RFC 6750 §5.3', 'Use `bearer_methods_supported: ["header"]`; tokens in URLs leak into logs.'),
  'prm-multiple-authorization-servers': k('info', 'Several authorization servers are listed', 'RFC 9728 §7.6; MCP 2026-07-28 discovery §Authorization Server Location', 'Nothing to fix; clients choose one (most use the first) and keep separate registrations per AS.'),
  'asm-not-found': k('error', "No metadata at any of the spec's locations for an authorization server", 'MCP 2025-11-25 §Authorization Server Metadata Discovery; RFC 8414 §3', 'Publish RFC 8414 metadata at /.well-known/oauth-authorization-server (path-inserted for a path issuer).'),
  'asm-wrong-location': k('error', 'Metadata exists only at a location the spec does not use for that issuer', 'RFC 8414 §3.1; MCP 2025-11-25 §Authorization Server Metadata Discovery', 'Serve it at the path-inserted URL (/.well-known/oauth-authorization-server/<issuer path>).'),
  'asm-invalid-response': k('warning', 'An AS metadata answer is not 200 application/json', 'RFC 8414 §3.2', 'Answer 200 with `Content-Type: application/json`.'),
  'asm-issuer-mismatch': k('error', '`issuer` differs from the identifier used to build the URL (trailing slash included)', 'RFC 8414 §3.3; OIDC Discovery §4.3; MCP 2026-07-28 discovery §Authorization Server Metadata Discovery', 'Make `issuer` byte-for-byte equal to the entry in the PRM authorization_servers (or fix that entry).'),
  'asm-missing-endpoints': k('error', 'authorization_endpoint or token_endpoint missing, or `code` not in response_types_supported', 'RFC 8414 §2', 'Publish both endpoints and include "code" in response_types_supported.'),
  'asm-no-authorization-code-grant': k('error', 'grant_types_supported present without authorization_code', 'MCP 2025-11-25 §Overview (OAuth 2.1); OAuth 2.1 §4.1', 'Enable and advertise the authorization_code grant.'),
  'asm-pkce-unadvertised': k('error', 'code_challenge_methods_supported absent (spec-following clients must refuse)', 'MCP 2025-11-25 §Authorization Code Protection (clients MUST refuse); RFC 8414 §2', 'Advertise `code_challenge_methods_supported: ["S256"]` (Entra and Cognito omit it; put a proxy or metadata override in front).'),
  'asm-pkce-no-s256': k('error', 'code_challenge_methods_supported without S256', 'MCP 2025-11-25 §Authorization Code Protection; RFC 7636 §4.2', 'Support and advertise S256.'),
  'asm-no-registration': k('warning', 'Neither client_id_metadata_document_supported nor registration_endpoint', 'MCP 2025-11-25 §Client Registration Approaches', 'Enable CIMD or dynamic client registration, or document the client_id users must pre-register.'),
  'asm-unsafe-url': k('error', 'An AS endpoint is http on a non-loopback host, or not http(s) at all (javascript:, data:, file:)', 'MCP 2025-11-25 §Communication Security; OAuth 2.1 §1.5', 'Publish only https endpoint URLs.'),
  'asm-no-refresh-grant': k('info', 'grant_types_supported lacks refresh_token', 'MCP 2026-07-28 §Refresh Tokens', 'Support refresh tokens so clients need not send users through the browser again.'),
  'asm-no-iss-parameter': k('info', 'authorization_response_iss_parameter_supported absent or false', 'MCP 2026-07-28 §Authorization Response Validation (SHOULD); RFC 9207 §2', 'Send `iss` in authorization responses and advertise it (mix-up defence; 2026-07-28 clients validate it).'),
  'asm-oidc-only': k('info', 'Found only via OpenID Connect discovery (no RFC 8414 document)', 'MCP 2025-06-18 §Overview (RFC 8414 MUST for that version)', 'Also serve /.well-known/oauth-authorization-server for 2025-06-18 clients.'),
  'asm-resource-not-listed': k('warning', 'AS protected_resources does not list the PRM resource', 'RFC 9728 §4, §7.6', 'Add the MCP resource to the AS `protected_resources`, or drop the list.'),
  'server-accepts-invalid-token': k('error', 'A clearly invalid bearer token is accepted', 'MCP 2025-11-25 §Token Handling (MUST validate tokens)', 'Validate every token (signature, iss, aud, exp) before serving the request.'),
  'server-invalid-token-status': k('error', 'An invalid token gets something other than 401', 'MCP 2025-11-25 §Token Handling (MUST receive HTTP 401)', 'Map token validation failures to 401 with `error="invalid_token"` (not 400/403/500).'),
  'server-invalid-token-no-error': k('warning', 'The 401 for an invalid token lacks error="invalid_token"', 'RFC 6750 §3.1 (SHOULD)', 'Add `error="invalid_token"` to the challenge for a presented, invalid token.'),
  'token-rejected': k('error', 'The token given with --token is rejected by the server', 'MCP 2025-11-25 §Token Handling', 'See the token findings beside this one (audience, issuer, expiry, scope) for the reason.'),
  'token-audience-mismatch': k('error', "The token's aud does not contain the PRM resource", 'RFC 8707 §2; MCP 2025-11-25 §Token Audience Binding and Validation', 'Request the token with `resource=<the PRM resource>`; configure the AS to issue that audience.'),
  'token-issuer-mismatch': k('error', "The token's iss is not one of the PRM authorization_servers", 'MCP 2025-11-25 §Token Handling (tokens from the server\'s own authorization server only)', 'Get the token from an authorization server the PRM lists (or list that AS).'),
  'token-expired': k('error', 'The token has expired (exp in the past)', 'RFC 7519 §4.1.4', 'Refresh the token or log in again.'),
  'token-scope-insufficient': k('warning', 'The token lacks a scope the challenge asks for', 'MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements; MCP 2025-11-25 §Runtime Insufficient Scope Errors', 'Request the scopes from the challenge (or the PRM scopes_supported) when getting the token.'),
  'token-accepted': k('info', 'The token given with --token is accepted', 'none', 'Nothing to fix.'),
  'cors-preflight-failed': k('warning', 'OPTIONS preflight fails or does not allow Authorization/MCP-Protocol-Version', 'Fetch standard §CORS protocol (not an MCP MUST)', 'Answer preflights with 204 and Access-Control-Allow-Origin/-Headers including Authorization, Content-Type, MCP-Protocol-Version.'),
  'cors-www-authenticate-not-exposed': k('warning', 'The 401 lacks Access-Control-Allow-Origin or does not expose WWW-Authenticate', 'Fetch standard §CORS protocol (not an MCP MUST)', 'Send `Access-Control-Expose-Headers: WWW-Authenticate` so browser clients can read resource_metadata.'),
  'legacy-2025-03-26': k('warning', "No PRM, but 2025-03-26-style metadata at the server's origin", 'MCP 2025-03-26 §2.3.3 Fallbacks for Servers without Metadata Discovery; MCP 2025-06-18 §Overview (PRM MUST)', 'Serve RFC 9728 PRM pointing at the AS; 2025-06-18+ clients do not look at the origin.'),
  'server-no-auth': k('info', 'The server answers without a token and publishes no metadata (auth is optional)', 'MCP 2025-11-25 §Protocol Requirements', 'Nothing to fix if the server is meant to be public.'),
  'active-registration-failed': k('error', 'Dynamic registration of a native loopback client fails', 'RFC 7591 §3.2.1; RFC 8252 §7.3; MCP 2025-11-25 §Communication Security', 'Accept application_type native with http://127.0.0.1 redirect URIs and token_endpoint_auth_method none.'),
  'active-resource-rejected': k('error', 'The authorization endpoint rejects the MCP resource (invalid_target)', 'MCP 2025-11-25 §Resource Parameter Implementation; RFC 8707 §2.1', 'Register the MCP URL as a resource (audience) at the authorization server.'),
  'active-inconclusive': k('info', 'An --active check could not be made (the AS answer is shown)', 'MCP 2025-11-25 §Client Registration Approaches; RFC 6749 §4.1.2.1', 'Read the AS answer in the finding; fix what it names, or check that part by hand with mcpauth login.'),
  'active-unregistered-redirect-accepted': k('error', 'The authorization endpoint redirects to an unregistered redirect URI', 'MCP 2025-11-25 §Open Redirection (exact match MUST)', 'Reject unregistered redirect URIs with an error page, never a redirect.'),
} as const satisfies Record<string, FindingKind>;

export type IdpFindingId = `idp-${IdpQuirkId}`;

/** IdP behaviour is no spec rule: the `spec` column names the catalogue section and the first source. */
const IDP_FINDINGS = Object.fromEntries(
  IDP_QUIRK_IDS.map((id) => {
    const quirk = IDP_QUIRKS[id];
    const spec = `IdP behaviour (idp-quirks.md ${IDP_PROVIDERS[quirk.idp].section}): ${quirk.sources[0] ?? ''}`;
    return [`idp-${id}`, k(quirk.severity, quirk.title, spec, quirk.fix)];
  }),
) as Record<IdpFindingId, FindingKind>;

export const FINDING_CATALOGUE: Readonly<Record<keyof typeof SPEC_FINDINGS | IdpFindingId, FindingKind>> = { ...SPEC_FINDINGS, ...IDP_FINDINGS };

export type FindingId = keyof typeof SPEC_FINDINGS | IdpFindingId;

/** The sources of an IdP finding (every link the catalogue gives), undefined for spec findings. */
export function findingSources(id: FindingId): string[] | undefined {
  return id.startsWith('idp-') ? [...IDP_QUIRKS[id.slice(4) as IdpQuirkId].sources] : undefined;
}

export const FINDING_IDS = Object.keys(FINDING_CATALOGUE) as FindingId[];
