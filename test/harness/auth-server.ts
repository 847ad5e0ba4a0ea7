import { exportJWK, generateKeyPair } from 'jose';
import type { JWTHeaderParameters, JWTPayload } from 'jose';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthorizationServer } from 'oauth4webapi';
import type { JWK, KoaContextWithOIDC, Provider } from 'oidc-provider';
import { signWithKey } from './access-token-signer.js';
import { metadataPath, rewriteIssParameter, routeAuthRequest, transformMetadata } from './auth-metadata.js';
import { buildProviderConfig, LOOPBACK_REDIRECT_URI, PRESET_CLIENTS } from './auth-provider-config.js';
import type { ResourceRegistry } from './auth-provider-config.js';
import type { AuthServerKnobs } from './auth-server-knobs.js';
import { DEFAULT_ACCESS_TOKEN_TTL, DEFAULT_RESOURCE_SCOPES } from './auth-server-knobs.js';
import { approveDeviceCode } from './consent-driver.js';
import type { ConsentOptions } from './consent-driver.js';
import { listenOnLoopback } from './listen.js';
import { installQuietConsole } from './quiet-console.js';

export interface AuthServer {
  /** Origin the server listens on, e.g. http://127.0.0.1:40123 */
  url: string;
  /** The real issuer (url + issuerPath); tokens carry it even when issuerOverride fakes the metadata. */
  issuer: string;
  jwksUri: string;
  /** RFC 8414 path-inserted metadata URL (may be hidden by metadataLocation). */
  metadataUrl: string;
  /** The real endpoints as oauth4webapi metadata, independent of the metadata knobs. */
  endpoints: AuthorizationServer;
  provider: Provider;
  knobs: AuthServerKnobs;
  clients: typeof PRESET_CLIENTS & { redirectUri: string };
  /** Allows `resource` (an MCP server URL) with its scopes; tokens for it get aud = resource. */
  registerResource(resource: string, scopes?: string[]): void;
  /** Signs an at+jwt with this AS's private key; see access-token-signer.ts for the defaults. */
  signAccessToken(claims?: JWTPayload, header?: Partial<JWTHeaderParameters>): Promise<string>;
  /** The user part of the device flow for a user_code shown by this AS. */
  approveDeviceCode(userCode: string, opts?: ConsentOptions): Promise<void>;
  /** Deletes a registered client, as an AS with an in-memory store forgets it on restart (invalid_client after). */
  forgetClient(clientId: string): Promise<void>;
  close(): Promise<void>;
}

const KID = 'harness-es256';

async function loadProvider(): Promise<typeof import('oidc-provider')> {
  // The runtime warning is printed at import time, so the filter must be installed before the import.
  installQuietConsole();
  return import('oidc-provider');
}

export async function startAuthServer(knobs: AuthServerKnobs = {}): Promise<AuthServer> {
  const { default: ProviderClass, errors } = await loadProvider();
  const listener = await listenOnLoopback();
  const issuerPath = knobs.issuerPath?.replace(/\/$/, '') ?? '';
  const issuer = `${listener.origin}${issuerPath}${knobs.issuerSuffix ?? ''}`;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: KID, alg: 'ES256', use: 'sig' } as JWK;
  const registry: ResourceRegistry = { resources: new Map() };
  const provider = new ProviderClass(issuer, buildProviderConfig(knobs, jwk, registry, errors.InvalidTarget));
  const resourceScopes = knobs.resourceScopes ?? DEFAULT_RESOURCE_SCOPES;
  provider.use(metadataMiddleware(knobs, resourceScopes, listener.origin));
  const handler = authRequestHandler(provider, { ...knobs, issuerPath });
  // delayMs: latency before every response (probe's benchmark), like the MCP server's knob.
  listener.setHandler(knobs.delayMs ? (req, res) => void setTimeout(() => handler(req, res), knobs.delayMs) : handler);
  return {
    url: listener.origin,
    issuer,
    jwksUri: `${listener.origin}${issuerPath}${knobs.simulate?.routes?.jwks ?? '/jwks'}`,
    metadataUrl: `${listener.origin}${metadataPath('rfc8414', issuerPath)}`,
    endpoints: providerEndpoints(issuer, `${listener.origin}${issuerPath}`, knobs.simulate?.routes ?? {}),
    provider,
    knobs,
    clients: { ...PRESET_CLIENTS, redirectUri: LOOPBACK_REDIRECT_URI },
    registerResource(resource, scopes = resourceScopes) {
      registry.resources.set(resource, scopes);
    },
    signAccessToken(claims, header) {
      const audience = registry.resources.keys().next().value;
      const ttlSeconds = knobs.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL;
      return signWithKey({ privateKey, kid: KID }, { issuer, audience, ttlSeconds }, claims, header);
    },
    approveDeviceCode(userCode, opts) {
      return approveDeviceCode(`${issuer}/device`, { ...opts, userCode });
    },
    // oidc-provider's Client model has a static adapter (lib/models/client.js) its typings leave out.
    forgetClient: (clientId) => (provider.Client as unknown as { adapter: { destroy(id: string): Promise<void> } }).adapter.destroy(clientId),
    close: () => listener.close(),
  };
}

function providerEndpoints(issuer: string, base: string, routes: NonNullable<NonNullable<AuthServerKnobs['simulate']>['routes']>): AuthorizationServer {
  return {
    issuer,
    authorization_endpoint: `${base}${routes.authorization ?? '/auth'}`,
    token_endpoint: `${base}${routes.token ?? '/token'}`,
    registration_endpoint: `${base}${routes.registration ?? '/reg'}`,
    device_authorization_endpoint: `${base}${routes.device_authorization ?? '/device/auth'}`,
    introspection_endpoint: `${base}${routes.introspection ?? '/token/introspection'}`,
    revocation_endpoint: `${base}${routes.revocation ?? '/token/revocation'}`,
    jwks_uri: `${base}${routes.jwks ?? '/jwks'}`,
    code_challenge_methods_supported: ['S256'],
  };
}

/** Koa post-processing inside oidc-provider: metadata knobs and the RFC 9207 `iss` knob. */
function metadataMiddleware(knobs: AuthServerKnobs, resourceScopes: string[], origin: string) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (ctx.oidc?.route === 'discovery' && ctx.body && typeof ctx.body === 'object') {
      transformMetadata(ctx.body as Record<string, unknown>, knobs, resourceScopes);
    }
    const location = ctx.response.get('location');
    if (location && !location.startsWith(`${origin}/`)) ctx.set('location', rewriteIssParameter(location, knobs));
  };
}

function authRequestHandler(provider: Provider, knobs: AuthServerKnobs & { issuerPath: string }) {
  const callback = provider.callback();
  return (req: IncomingMessage, res: ServerResponse) => {
    const intercepted = knobs.simulate?.intercept?.(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
    if (intercepted !== undefined) {
      res.writeHead(intercepted.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(intercepted.body));
      return;
    }
    const route = routeAuthRequest(req, knobs);
    if (route.kind !== 'provider') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found', error_description: `no document at ${req.url ?? ''}` }));
      return;
    }
    // oidc-provider derives its mount path from originalUrl minus url (oidc_context.js urlFor).
    if (knobs.issuerPath) Object.assign(req, { originalUrl: `${knobs.issuerPath}${route.url}` });
    req.url = route.url;
    void rewriteForSimulator(req, knobs).then(() => callback(req, res));
  };
}

/**
 * IdP simulators rewrite what the IdP ignores or renames before oidc-provider reads it: the
 * authorization query directly, a token form body by reading it and handing oidc-provider the parsed
 * object (its selective_body.js uses req.body when the stream was already consumed).
 */
async function rewriteForSimulator(req: IncomingMessage, knobs: AuthServerKnobs): Promise<void> {
  const rewrite = knobs.simulate?.rewriteParams;
  if (rewrite === undefined) return;
  const url = new URL(req.url ?? '/', 'http://x');
  const routes = knobs.simulate?.routes ?? {};
  if (req.method === 'GET' && url.pathname === (routes.authorization ?? '/auth')) {
    rewrite('authorization', url.searchParams);
    req.url = `${url.pathname}${url.search}`;
  } else if (req.method === 'POST' && url.pathname === (routes.token ?? '/token')) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    rewrite('token', params);
    Object.assign(req, { body: Object.fromEntries(params) });
  }
}
