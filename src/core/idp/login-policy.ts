import { createHash } from 'node:crypto';
import { IDP_PROVIDERS } from './providers.js';
import type { RecognizedIdp } from './recognize-idp.js';

/** What the user said on the command line about IdP-specific parameters. */
export interface IdpLoginOverrides {
  /** --resource <uri>: send this `resource`, whatever the IdP; false: --no-resource. */
  resource?: string | false;
  /** --audience <value>: Auth0/Ory `audience`; for Entra, the App ID URI that qualifies bare scopes. */
  audience?: string;
  /** --prompt <value>: never sent unless asked (idp-quirks.md §18.7). */
  prompt?: string;
}

export interface IdpLoginInput {
  idp: RecognizedIdp | undefined;
  /** The PRM `resource` (RFC 8707 default). */
  prmResource: string;
  scope: string | undefined;
  overrides: IdpLoginOverrides;
  /** The AS metadata scopes_supported (only consulted for the `openid` fallback). */
  asScopes?: unknown;
}

/**
 * The IdP-aware request shape of a login, decided once (idp-quirks.md §18): `resource` identical on
 * authorize, token and refresh (or omitted on all three), the scope string, extra authorization
 * parameters, and the notes that say why anything differs from plain MCP.
 */
export interface IdpLoginPlan {
  resource: string | undefined;
  scope: string | undefined;
  authorizationParams: Record<string, string>;
  /** Parameters replayed on every refresh (the same `resource`, and Entra's scope). */
  refreshParams: Record<string, string>;
  /** The `scope` to put in an RFC 7591 registration body; absent: none (see registrationScopeFor). */
  registrationScope?: string;
  notes: string[];
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access', 'phone', 'address']);

/** Entra App ID URIs owning fully-qualified scopes: 'api://x/mcp.read' -> 'api://x'. */
function appIdUris(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !OIDC_SCOPES.has(s) && s.includes('/')).map((s) => s.slice(0, s.lastIndexOf('/')));
}

const trimSlash = (value: string): string => value.replace(/\/+$/, '');

export function planIdpLogin(input: IdpLoginInput): IdpLoginPlan {
  const { idp, overrides } = input;
  const notes: string[] = [];
  let scopes = (input.scope ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0 && idp !== undefined && Array.isArray(input.asScopes) && input.asScopes.includes('openid')) {
    // §18.3 and §3 row 6 / §5 row 5 / §1 (AADSTS900144): these IdPs refuse a request without scope;
    // with none from the challenge or PRM, `openid` (listed by the AS) and never the AS's whole list.
    scopes = ['openid'];
    notes.push(`${idp.name}: no scope came from the server, so 'openid' is requested (the IdP refuses a request without scope).`);
  }
  const authorizationParams: Record<string, string> = {};
  const id = idp?.id;

  if (id === 'entra' && overrides.audience !== undefined) {
    // §1 row "scope is mandatory" (claude-code#89438): bare names resolve against Graph; qualify them.
    const base = trimSlash(overrides.audience);
    const qualified = scopes.map((s) => (OIDC_SCOPES.has(s) || s.includes('/') ? s : `${base}/${s}`));
    if (qualified.join(' ') !== scopes.join(' ')) notes.push(`Entra: scopes qualified with the App ID URI ${base} (--audience).`);
    scopes = qualified;
  }

  let resource: string | undefined = input.prmResource;
  if (overrides.resource === false) {
    resource = undefined;
    notes.push("'resource' is not sent (--no-resource), on authorize, token and refresh alike.");
  } else if (typeof overrides.resource === 'string') {
    resource = overrides.resource;
  } else if (id === 'entra') {
    // §1 row 1 (claude-code#73460, claude-ai-mcp#514): only the App ID URI of the requested scopes is accepted.
    const owners = appIdUris(scopes).map(trimSlash);
    if (!owners.includes(trimSlash(input.prmResource))) {
      resource = undefined;
      notes.push(`Entra ID: 'resource' (${input.prmResource}) is not sent, because Entra v2 rejects it unless it is the App ID URI of the requested scopes (AADSTS9010010); --resource forces it.`);
    }
  }

  if (id === 'auth0' || (id === 'ory' && overrides.audience !== undefined)) {
    // §2 row 3 (resource-param-compatibility-profile doc): Auth0 binds the audience only through `audience`.
    const audience = overrides.audience ?? input.prmResource;
    authorizationParams.audience = audience;
    notes.push(`${idp?.name ?? 'IdP'}: sending audience=${audience}${overrides.audience === undefined ? ' (the PRM resource; --audience overrides)' : ''}, because it ignores 'resource' by default.`);
  } else if (overrides.audience !== undefined && id !== 'entra') {
    authorizationParams.audience = overrides.audience;
  }

  if (id === 'google') {
    // §6 row 5 (pidge-gmail docs): refresh tokens only with access_type=offline (Google has no offline_access).
    authorizationParams.access_type = 'offline';
  }
  // §18.7 (claude-code#49722 et al.): never prompt=consent unless asked.
  if (overrides.prompt !== undefined) authorizationParams.prompt = overrides.prompt;

  const scope = scopes.length > 0 ? scopes.join(' ') : undefined;
  const refreshParams: Record<string, string> = {};
  if (resource !== undefined) refreshParams.resource = resource;
  // §1 row "scope is mandatory" (AADSTS650053 on refresh): Entra gets the login's scope again.
  if (id === 'entra' && scope !== undefined) refreshParams.scope = scope;
  const registrationScope = registrationScopeFor(idp, scope);
  return { resource, scope, authorizationParams, refreshParams, ...(registrationScope === undefined ? {} : { registrationScope }), notes };
}

/**
 * Whether the DCR body carries `scope`. Clerk: yes, the scopes login will request, because a scope-less
 * registration gets Clerk's defaults (`email offline_access profile`, no `openid`) and the authorization
 * request then fails with invalid_scope (idp-quirks.md §11 row 2, §17#8: claude-code#67714,
 * claude-ai-mcp#500). Everyone else: no, because Keycloak's "Allowed Client Scopes" policy rejects a DCR
 * `scope` naming non-realm scopes (§4 row 3, turnstone#1082) and RFC 7591 §2 makes `scope` optional.
 */
export function registrationScopeFor(idp: RecognizedIdp | undefined, scope: string | undefined): string | undefined {
  return idp?.id === 'clerk' && idp.confidence !== 'low' ? scope : undefined;
}

/**
 * §18.4 / §17#6: a missing code_challenge_methods_supported is tolerated only for IdPs known to support
 * S256 without saying so (Entra, Cognito), and only when recognised with some confidence.
 */
export function pkceAssumedFor(idp: RecognizedIdp | undefined): string | undefined {
  if (idp === undefined || idp.confidence === 'low' || (idp.id !== 'entra' && idp.id !== 'cognito')) return undefined;
  return `note: ${idp.name} supports PKCE S256 but does not advertise it; mcpauth proceeds with S256 because the authorization server is recognised as ${idp.name} (${idp.confidence} confidence).`;
}

/** The loopback host the IdP will match (§18.1): localhost for Entra and Cognito, else 127.0.0.1. */
export function loopbackHostFor(idp: RecognizedIdp | undefined): '127.0.0.1' | 'localhost' {
  return idp === undefined ? '127.0.0.1' : IDP_PROVIDERS[idp.id].loopbackHost;
}

/**
 * A port pinned per server for IdPs that match redirect URIs exactly (Okta, Cognito, Auth0 per §19
 * unverified): the same server always gets the same port, so one registration keeps working.
 */
export function pinnedPortFor(idp: RecognizedIdp | undefined, serverUrl: string): number | undefined {
  if (idp === undefined || IDP_PROVIDERS[idp.id].loopback !== 'exact') return undefined;
  const hash = createHash('sha256').update(serverUrl).digest();
  return 49152 + (hash.readUInt16BE(0) % 16384);
}

/** The IdP's own "create an app" steps with the exact redirect URI(s) to register (§17#1). */
export function createAppSteps(idp: RecognizedIdp, redirectUris: readonly string[], serverUrl: string): string {
  return IDP_PROVIDERS[idp.id].createApp.replace('{redirect}', redirectUris.join(' and ')).replace('{url}', serverUrl);
}
