import type * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import type { DiscoveryDeps, McpWire } from '../discovery/index.js';
import { IDP_PROVIDERS, type RecognizedIdp } from '../idp/index.js';
import { createAppSteps, loopbackHostFor, pinnedPortFor, pkceAssumedFor, planIdpLogin, type IdpLoginOverrides, type IdpLoginPlan } from '../idp/login-policy.js';
import { createMcpClient, type ServerHello } from '../mcp/mcp-client.js';
import { describeMcpFailure } from '../mcp/mcp-failure.js';
import { McpHttpError } from '../mcp/mcp-error.js';
import { describeDiagnosis, diagnoseToken } from '../idp/diagnose-token.js';
import type { McpProtocolVersion } from '../mcp/protocol-version.js';
import type { CredentialStore } from '../store/credential-store.js';
import type { StoredCredential } from '../store/credential.js';
import { credentialInputFromTokens } from '../store/credential-input.js';
import { clientAuthFor } from './client-auth.js';
import { DEVICE_CODE_GRANT, resolveClientIdentity, type ClientIdentity } from './client-identity.js';
import { AuthorizationRejectedError, runCodeFlow, type CallbackReceiver, type PresentedUrl } from './code-flow.js';
import { runDeviceFlow, type DevicePrompt } from './device-flow.js';
import { discoverForLogin, type LoginDiscovery } from './login-discovery.js';
import { classifyOAuthError } from './oauth-error.js';
import type { FlowHttp } from './oauth-options.js';
import { chooseScopes, splitScopes, type ScopeChoice } from './scope-strategy.js';

export type LoginFlowKind = 'code' | 'device' | 'device-if-supported';

export interface LoginRequest {
  serverUrl: string;
  wire: McpWire;
  version: McpProtocolVersion;
  flow: LoginFlowKind;
  scopeOverride?: string;
  /** Step-up: scopes to request regardless of discovery (union already computed by the caller). */
  scopes?: string[];
  /**
   * false: skip the authorization-request check of a reused registration (a step-up after 403
   * insufficient_scope: the server just accepted a token of this client, so the client is alive).
   */
  checkClient?: boolean;
  preregistered?: { clientId: string; clientSecret?: string };
  /** Use `preregistered` only at this issuer (a re-login from a stored credential; SEP-2352). */
  preregisteredIssuer?: string;
  metadataUrl?: string;
  assumePkceS256: boolean;
  /** --strict-pkce: no known-IdP exception; S256 must be in code_challenge_methods_supported. */
  strictPkce?: boolean;
  /** --resource / --no-resource / --audience / --prompt (core/idp/login-policy.ts). */
  idpOverrides?: IdpLoginOverrides;
  /** --trust-issuer: accept AS metadata naming exactly this issuer. */
  trustIssuer?: string;
  /** 0 = a free port (or the port of the stored registration). */
  port: number;
  /** Test-only override of the device poll interval. */
  deviceIntervalMs?: number;
}

export interface LoginDeps {
  http: FlowHttp;
  discovery: DiscoveryDeps;
  store: Pick<CredentialStore, 'save' | 'getClientRegistration' | 'saveClientRegistration'>;
  now: () => Date;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Binds the loopback listener; `fallback` lets a busy preferred port become a free one; `host` names it in the redirect URI. */
  startReceiver: (port: number, state: string, fallback: boolean, host: '127.0.0.1' | 'localhost') => Promise<CallbackReceiver>;
  generateState: () => string;
  presentUrl: (url: URL) => Promise<PresentedUrl | void>;
  onDevicePrompt: (prompt: DevicePrompt) => void;
  warn: (text: string) => void;
}

export interface LoginResult {
  credential: StoredCredential;
  hello: ServerHello;
  toolCount: number;
  flow: 'code' | 'device';
  registration: ClientIdentity['method'];
  scope: ScopeChoice;
  /** The identity provider recognised behind the AS (core/idp), if any. */
  idp: RecognizedIdp | undefined;
  /** Whether RFC 8707 `resource` was sent (identically on authorize, token and refresh). */
  resourceSent: boolean;
}

const PLACEHOLDER_REDIRECT = 'http://127.0.0.1/callback';

/** The whole client algorithm of mcp-auth-spec.md §2.0, steps 1-8 and 10. */
export async function performLogin(input: LoginRequest, deps: LoginDeps): Promise<LoginResult> {
  const request = { ...input };
  const found = await discoverForLogin(request.serverUrl, request.wire, request.version, deps.discovery, request.trustIssuer === undefined ? {} : { trustIssuer: request.trustIssuer });
  if (found.issuerNote !== undefined) deps.warn(found.issuerNote);
  if (found.legacyNote !== undefined) deps.warn(found.legacyNote);
  checkPkce(found.as, { assume: request.assumePkceS256, strict: request.strictPkce === true }, deps.warn, found.idp);
  checkSecret(found.idp, request);
  const scope = request.scopes
    ? { scope: request.scopes.join(' ') || undefined, source: 'challenge' as const, addedOfflineAccess: false }
    : chooseScopes({ override: request.scopeOverride, challengeScope: found.challengeScope, prmScopesSupported: found.prm.scopes_supported, asScopesSupported: found.as.scopes_supported });
  const plan = planIdpLogin({ idp: found.idp, prmResource: found.resource, scope: scope.scope, overrides: request.idpOverrides ?? {}, asScopes: found.as.scopes_supported });
  for (const note of plan.notes) deps.warn(note);
  const flow = pickFlow(request.flow, found.as);
  if (request.preregisteredIssuer !== undefined && request.preregisteredIssuer !== found.as.issuer) {
    // [D-reg L181-197]: a client registered at one AS MUST NOT be presented to another.
    delete request.preregistered;
  }
  let obtained = await obtainTokens(request, found, plan, flow, deps, false);
  if ('stale' in obtained) {
    // One line, then once only: a registration the AS forgot (restart, in-memory store, deleted client).
    deps.warn(`The authorization server no longer accepts the stored client ${obtained.stale.clientId} (${obtained.stale.why}); registering a new client.`);
    obtained = await obtainTokens(request, found, plan, flow, deps, true);
    if ('stale' in obtained) throw new CliError('auth', `the authorization server rejected a freshly registered client too (${obtained.stale.why}).`, { hint: 'Run mcpauth probe --active on the server.' });
  }
  const { tokens, identity } = obtained;
  const credential = await deps.store.save(
    credentialInputFromTokens(tokens, {
      serverUrl: request.serverUrl,
      resource: found.resource,
      as: found.as,
      clientId: identity.clientId,
      tokenEndpointAuthMethod: identity.tokenEndpointAuthMethod,
      clientSecret: identity.clientSecret,
      requestedScopes: splitScopes(plan.scope),
      registrationMethod: identity.method,
      refreshParameters: plan.refreshParams,
      now: deps.now(),
    }),
  );
  const proof = await proveCredential(request, tokens.access_token, deps).catch((error: unknown) => {
    throw withDiagnosis(describeMcpFailure(error, `the credential is stored, but proving it failed`), error, tokens.access_token, found, plan);
  });
  return { credential, ...proof, flow, registration: identity.method, scope: { ...scope, scope: plan.scope }, idp: found.idp, resourceSent: plan.resource !== undefined };
}

/**
 * idp-quirks.md §17#3: a 401 right after a "successful" login is nearly always an audience the IdP did
 * not bind. The hint then shows the PRM resource against the token's aud, iss and scope, with the IdP's fix.
 */
function withDiagnosis(described: unknown, error: unknown, accessToken: string, found: LoginDiscovery, plan: IdpLoginPlan): unknown {
  if (!(error instanceof McpHttpError) || error.status !== 401 || !(described instanceof CliError)) return described;
  const diagnosis = diagnoseToken({ token: accessToken, resource: found.resource, issuer: found.as.issuer, scopes: splitScopes(found.challengeScope), metadata: found.as as Record<string, unknown>, idp: found.idp });
  const lines = describeDiagnosis(diagnosis);
  return new CliError('auth', described.message, { hint: ['the server rejected the new token; what it expects vs what the token carries:', ...lines.map((l) => `  ${l}`), plan.resource === undefined ? "  ('resource' was not sent on this login)" : ''].filter(Boolean).join('\n'), cause: error });
}

/** GitHub (and Google desktop apps) want the client secret even with PKCE (idp-quirks.md §7 row 5, §6 row 3). */
function checkSecret(idp: RecognizedIdp | undefined, request: LoginRequest): void {
  if (idp === undefined || !IDP_PROVIDERS[idp.id].secretRequired || request.preregistered === undefined || request.preregistered.clientSecret !== undefined) return;
  throw new CliError('usage', `${idp.name} requires the client secret at the token endpoint, even with PKCE, and none was given for client ${request.preregistered.clientId}.`, {
    hint: 'Pass it with --client-secret-env <VAR>, --client-secret-file <path> or --client-secret-stdin.',
  });
}

/**
 * [25-11 L598-609]: no S256 in code_challenge_methods_supported means PKCE is unsupported: refuse,
 * except for IdPs known to support S256 without advertising it (idp-quirks.md §18.4), an exception
 * that --strict-pkce turns off (§1 row "code_challenge_methods_supported absent": "override: --strict-pkce").
 */
function checkPkce(as: oauth.AuthorizationServer, mode: { assume: boolean; strict: boolean }, warn: (text: string) => void, idp: RecognizedIdp | undefined): void {
  const methods = as.code_challenge_methods_supported;
  if (Array.isArray(methods) && methods.includes('S256')) return;
  const what = Array.isArray(methods) ? `lists ${JSON.stringify(methods)} without S256` : 'has no code_challenge_methods_supported';
  if (mode.strict) {
    throw new CliError('protocol', `the authorization server ${as.issuer} ${what}, and --strict-pkce accepts only an advertised S256${idp === undefined ? '' : ` (even for ${idp.name})`}.`, {
      hint: pkceAssumedFor(idp) === undefined
        ? 'Ask the authorization server\'s operator to advertise code_challenge_methods_supported: ["S256"]; without --strict-pkce, --assume-pkce-s256 proceeds anyway.'
        : `${idp?.name ?? 'This IdP'} supports S256 without advertising it: drop --strict-pkce to proceed with S256 (mcpauth prints a note).`,
    });
  }
  const known = methods === undefined ? pkceAssumedFor(idp) : undefined;
  if (known !== undefined) {
    warn(known);
    return;
  }
  if (mode.assume) {
    warn(`warning: the authorization server metadata ${what}; proceeding with S256 anyway because of --assume-pkce-s256 (not MCP-conformant).`);
    return;
  }
  throw new CliError('protocol', `the authorization server ${as.issuer} ${what}, so it does not advertise PKCE S256, which MCP requires clients to verify before proceeding.`, {
    hint: 'If this IdP is known to support S256 without saying so (Entra ID, Cognito), pass --assume-pkce-s256.',
  });
}

function pickFlow(kind: LoginFlowKind, as: oauth.AuthorizationServer): 'code' | 'device' {
  if (kind === 'code' || kind === 'device') return kind;
  const grants = as.grant_types_supported;
  return typeof as.device_authorization_endpoint === 'string' && (!Array.isArray(grants) || grants.includes(DEVICE_CODE_GRANT)) ? 'device' : 'code';
}

type Obtained = { tokens: oauth.TokenEndpointResponse; identity: ClientIdentity } | { stale: { clientId: string; why: string } };

async function obtainTokens(request: LoginRequest, found: LoginDiscovery, plan: IdpLoginPlan, flow: 'code' | 'device', deps: LoginDeps, forceRegister: boolean): Promise<Obtained> {
  const stored = request.preregistered ? undefined : await deps.store.getClientRegistration(found.as.issuer);
  const state = deps.generateState();
  const host = loopbackHostFor(found.idp);
  const pinned = flow === 'code' && request.port === 0 && !forceRegister ? (pinnedPort(stored?.registration.redirectUris) ?? pinnedPortFor(found.idp, request.serverUrl)) : undefined;
  const receiver = flow === 'code' ? await deps.startReceiver(pinned ?? request.port, state, pinned !== undefined, host) : undefined;
  let identity: ClientIdentity | undefined;
  try {
    const redirectUri = receiver?.redirectUri ?? PLACEHOLDER_REDIRECT;
    const createAppHint = found.idp === undefined ? undefined : createAppSteps(found.idp, registrableUris(found.idp, redirectUri), request.serverUrl);
    identity = await resolveClientIdentity(
      { as: found.as, preregistered: request.preregistered, metadataUrl: request.metadataUrl, redirectUri, wantDevice: flow === 'device', stored, forceRegister, portFixed: request.port !== 0 || pinned !== undefined, now: deps.now(), ...(createAppHint === undefined ? {} : { createAppHint }), ...(plan.registrationScope === undefined ? {} : { registrationScope: plan.registrationScope }) },
      deps.http,
    );
    const reg = identity.registration;
    if (reg && !reg.reused) {
      const secrets = { ...(reg.secret === undefined ? {} : { clientSecret: reg.secret }), ...(reg.registrationAccessToken === undefined ? {} : { registrationAccessToken: reg.registrationAccessToken }) };
      await deps.store.saveClientRegistration(reg.record, secrets);
    }
    const clientAuth = clientAuthFor(identity.tokenEndpointAuthMethod, identity.clientSecret);
    const common = { as: found.as, clientId: identity.clientId, clientAuth, resource: plan.resource, scope: plan.scope };
    const tokens = receiver
      ? await runCodeFlow({ ...common, extraParams: plan.authorizationParams, state, receiver, checkFirst: identity.registration?.reused === true && request.checkClient !== false }, { http: deps.http, presentUrl: deps.presentUrl })
      : await runDeviceFlow({ ...common, intervalOverrideMs: request.deviceIntervalMs }, { http: deps.http, clock: deps.clock, sleep: deps.sleep, onPrompt: deps.onDevicePrompt });
    return { tokens, identity };
  } catch (error) {
    // peers.md (c) #14: a pruned DCR client replays invalid_client forever unless we register again.
    const why = staleClientReason(error);
    const reused = identity?.registration?.reused === true;
    if (why !== undefined && reused && !forceRegister && identity !== undefined) return { stale: { clientId: identity.clientId, why } };
    throw classifyOAuthError(error, 'the login', request.serverUrl);
  } finally {
    await receiver?.close();
  }
}

/** Why a reused registration looks gone: the token endpoint's or the authorization endpoint's answer. */
function staleClientReason(error: unknown): string | undefined {
  // A reused client getting an error page: re-registering is the one thing that can help; if the page
  // was about something else, the fresh client gets it too and that error is reported.
  if (error instanceof AuthorizationRejectedError) return `the authorization endpoint answered ${error.detail}`;
  const oauthError = (error as { oauthError?: unknown }).oauthError;
  if (oauthError === 'invalid_client' || oauthError === 'unauthorized_client') return `${oauthError} at the token endpoint`;
  return undefined;
}

function pinnedPort(redirectUris: readonly string[] | undefined): number | undefined {
  for (const uri of redirectUris ?? []) {
    const url = URL.canParse(uri) ? new URL(uri) : undefined;
    if ((url?.hostname === '127.0.0.1' || url?.hostname === 'localhost') && url.port !== '') return Number(url.port);
  }
  return undefined;
}

/** The redirect URI(s) to register at this IdP (idp-quirks.md §18.1, §1 row "Loopback redirect", §7 row 7). */
function registrableUris(idp: RecognizedIdp, redirectUri: string): string[] {
  const rule = IDP_PROVIDERS[idp.id].loopback;
  const url = new URL(redirectUri);
  if (rule === 'exact') return [redirectUri];
  if (rule === 'portless-localhost') return [`http://localhost${url.pathname}`, `http://127.0.0.1${url.pathname}`];
  return [`http://${url.hostname}${url.pathname}`];
}

/** Step 8 and the issue's "proves the credential works": initialize (or server/discover) + tools/list. */
async function proveCredential(request: LoginRequest, accessToken: string, deps: LoginDeps): Promise<{ hello: ServerHello; toolCount: number }> {
  const client = createMcpClient({
    url: request.serverUrl,
    fetch: deps.http.fetch,
    version: request.version,
    clientInfo: { name: 'mcpauth', version: '0' },
    accessToken,
    sleep: deps.sleep,
    onDeclined: (declined) => deps.warn(`The server asked for ${declined.asked} (${declined.method}); mcpauth cannot answer that and declined it.`),
  });
  try {
    const hello = await client.connect();
    const tools = await client.listTools();
    return { hello, toolCount: tools.length };
  } finally {
    await client.close();
  }
}
