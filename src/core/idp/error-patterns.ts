import { IDP_PROVIDERS, type IdpId } from './providers.js';

/** One row of idp-quirks.md §16.1: an error string an IdP sends, what it means, and the fix. */
export interface IdpErrorPattern {
  pattern: RegExp;
  idp: IdpId;
  meaning: string;
  fix: string;
  source: string;
}

const e = (pattern: RegExp, idp: IdpId, meaning: string, fix: string, source: string): IdpErrorPattern => ({ pattern, idp, meaning, fix, source });

/** Most specific first: the first match wins. */
export const IDP_ERROR_PATTERNS: readonly IdpErrorPattern[] = [
  e(/AADSTS9010010/, 'entra', "Entra v2 rejects 'resource' unless it is the App ID URI of the requested scopes",
    'Run login with --no-resource (mcpauth then omits it on authorize, token and refresh), or ask the server owner to set the App ID URI equal to the PRM resource and advertise fully-qualified scopes.', 'https://github.com/anthropics/claude-code/issues/73460'),
  e(/AADSTS901002/, 'entra', "the 'resource' parameter is not supported on the Entra v2 endpoint",
    'Run login with --no-resource; on v2 the audience comes from scope=<App ID URI>/.default.', 'https://github.com/modelcontextprotocol/csharp-sdk/issues/741'),
  e(/AADSTS50011/, 'entra', 'the redirect URI does not match the app registration',
    "Register 'http://localhost' (no port) and 'http://127.0.0.1' under Authentication > Mobile and desktop applications, or pin the port with --port and register that exact URI.", 'https://github.com/anthropics/claude-code/issues/47975'),
  e(/AADSTS500011/, 'entra', 'the resource principal was not found: no app in this tenant owns the identifier URI of the scope',
    'Advertise api://<client-id>/<scope> in the PRM, or provision the API app in the user tenant.', 'https://github.com/KelvinTegelaar/CIPP/issues/6394'),
  e(/AADSTS650053|00000003-0000-0000-c000-000000000000/, 'entra', 'a bare scope was resolved against Microsoft Graph',
    'Request a fully-qualified scope (<App ID URI>/<scope>): pass --audience <App ID URI>, or have the server advertise qualified scopes.', 'https://github.com/anthropics/claude-code/issues/89438'),
  e(/AADSTS900144/, 'entra', 'no scope was sent', 'Pass --scope with a fully-qualified scope (<App ID URI>/<scope>).', 'https://github.com/openai/codex/issues/5480'),
  e(/AADSTS90009/, 'entra', 'the client and the API are the same app, so the scope must use the GUID form',
    "Request '<client-id-guid>/<scope>' with --scope instead of 'api://<client-id>/<scope>'.", 'https://github.com/Softeria/ms-365-mcp-server/issues/502'),
  e(/AADSTS9009[45]/, 'entra', 'admin approval is required for this app in the tenant',
    'Ask an admin to grant tenant-wide consent, then retry (mcpauth sends no prompt=consent unless --prompt consent).', 'https://github.com/anthropics/claude-code/issues/94804'),
  e(/AADSTS7000218/, 'entra', 'the app is registered as confidential (Web) and needs a secret',
    "Pass the client secret (--client-secret-env), or move the redirect URI to 'Mobile and desktop' and set 'Allow public client flows' = Yes.", 'https://github.com/Softeria/ms-365-mcp-server/issues/288'),
  e(/AADSTS700025/, 'entra', 'the app is public, so it must not send a client secret', 'Drop the client secret option.', 'https://github.com/Softeria/ms-365-mcp-server/issues/288'),
  e(/Policy 'Trusted Hosts' rejected/, 'keycloak', "Keycloak's anonymous registration policy 'Trusted Hosts' refused this machine",
    "Realm > Clients > Client registration > Anonymous access policies: remove or relax 'Trusted Hosts', or pre-create a public client and use --client-id.", 'https://github.com/dnotitia/akb/issues/635'),
  e(/Unrecognized field "?resource"?|Allowed Client Scopes/, 'keycloak', "a Keycloak registration policy refused the request ('Allowed Client Scopes' or an unknown field)",
    "Add the requested scopes as realm client scopes or relax the 'Allowed Client Scopes' policy; or pre-create a client and use --client-id.", 'https://github.com/turnstonelabs/turnstone/issues/1082'),
  e(/not allowed to request scope 'openid'/, 'clerk', 'the client was registered without scopes, so openid is not allowed',
    'Delete the stale client (mcpauth logout <url>) and log in again so it re-registers with the scopes.', 'https://github.com/anthropics/claude-code/issues/67714'),
  e(/No scopes were requested|One or more scopes are not configured for the authorization server resource/, 'okta', 'Okta needs a scope that is defined on the custom authorization server',
    "Add the scope to the custom AS (Security > API > <AS> > Scopes), or pass --scope with one it defines.", 'https://github.com/anomalyco/opencode/issues/28811'),
  e(/must be a Login redirect URI in the client app settings/, 'okta', 'Okta matches redirect URIs exactly, port included',
    "Add the exact redirect URI to the app's Sign-in redirect URIs and keep it stable with --port.", 'https://support.okta.com/help/s/article/openid-connect-oidc-redirect-uri'),
  e(/incorrect_client_credentials/, 'github', 'GitHub rejected the client id or secret (it requires the secret even with PKCE)',
    'Pass the OAuth App client secret with --client-secret-env, --client-secret-file or --client-secret-stdin.', 'https://github.com/modelcontextprotocol/typescript-sdk/issues/1342'),
  e(/bad_verification_code/, 'github', 'the authorization code is wrong, expired or already used', 'Run login again.', 'https://github.com/modelcontextprotocol/typescript-sdk/issues/1342'),
  e(/Invalid redirect URI\. The redirect URI provided does not match any registered URI/, 'cloudflare-wop', 'this workers-oauth-provider predates RFC 8252 loopback matching',
    'Server owner: upgrade @cloudflare/workers-oauth-provider (PR #145 + #169); meanwhile pin the port with --port.', 'https://github.com/cloudflare/workers-oauth-provider/issues/154'),
];

export interface IdpErrorMatch {
  idp: IdpId;
  meaning: string;
  fix: string;
  source: string;
}

/** A CLI hint for an IdP error: "<IdP>: <meaning>. <fix> (see <source>)", or undefined. */
export function idpErrorHint(text: string): string | undefined {
  const found = matchIdpError(text);
  return found === undefined ? undefined : `${IDP_PROVIDERS[found.idp].name}: ${found.meaning}. ${found.fix} (see ${found.source})`;
}

/** The §16.1 row an error text (OAuth error, description, or body) matches, if any. */
export function matchIdpError(text: string): IdpErrorMatch | undefined {
  const row = IDP_ERROR_PATTERNS.find((candidate) => candidate.pattern.test(text));
  return row === undefined ? undefined : { idp: row.idp, meaning: row.meaning, fix: row.fix, source: row.source };
}
