import type { ClientMetadata, Configuration, JWK, KoaContextWithOIDC, ResourceServer } from 'oidc-provider';
import type { AuthServerKnobs } from './auth-server-knobs.js';
import { DEFAULT_ACCESS_TOKEN_TTL, DEFAULT_RESOURCE_SCOPES } from './auth-server-knobs.js';

/** Redirect URI of the pre-registered clients; native clients match any loopback port (RFC 8252 §7.3). */
export const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/callback';

export const PRESET_CLIENTS = {
  public: { client_id: 'harness-public' },
  confidential: { client_id: 'harness-confidential', client_secret: 'harness-confidential-secret' },
  /** Used by the MCP server to introspect opaque access tokens. */
  introspector: { client_id: 'harness-introspector', client_secret: 'harness-introspector-secret' },
} as const;

const ALL_GRANTS = ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'];

export function presetClients(deviceFlow: boolean): ClientMetadata[] {
  const grant_types = deviceFlow ? ALL_GRANTS : ALL_GRANTS.slice(0, 2);
  const loopback = { application_type: 'native' as const, redirect_uris: [LOOPBACK_REDIRECT_URI], response_types: ['code' as const], grant_types };
  return [
    { ...loopback, client_id: PRESET_CLIENTS.public.client_id, token_endpoint_auth_method: 'none' },
    { ...loopback, ...PRESET_CLIENTS.confidential, token_endpoint_auth_method: 'client_secret_basic' },
    { ...PRESET_CLIENTS.introspector, redirect_uris: [], response_types: [], grant_types: [], token_endpoint_auth_method: 'client_secret_basic' },
  ];
}

export interface ResourceRegistry {
  /** Registered resource (MCP server URL) -> the scopes it accepts. */
  resources: Map<string, string[]>;
}

function resourceServerInfo(knobs: AuthServerKnobs, registry: ResourceRegistry, InvalidTarget: new (description?: string) => Error) {
  const ttl = knobs.accessTokenTtl ?? DEFAULT_ACCESS_TOKEN_TTL;
  return async (_ctx: KoaContextWithOIDC, resource: string): Promise<ResourceServer> => {
    const simulated = knobs.simulate?.resourceServer?.(resource, (description) => new InvalidTarget(description));
    const scopes = simulated?.scopes ?? registry.resources.get(resource) ?? (knobs.acceptAnyResource ? knobs.resourceScopes ?? DEFAULT_RESOURCE_SCOPES : undefined);
    if (!scopes) throw new InvalidTarget();
    const common = { scope: scopes.join(' '), audience: simulated?.audience ?? resource, accessTokenTTL: ttl };
    // RFC 9068: 'jwt' makes oidc-provider sign `typ: at+jwt` tokens with `aud` = the resource.
    if ((simulated?.format ?? knobs.accessTokenFormat) === 'opaque') return { ...common, accessTokenFormat: 'opaque' };
    return { ...common, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
  };
}

export function buildProviderConfig(
  knobs: AuthServerKnobs,
  jwk: JWK,
  registry: ResourceRegistry,
  InvalidTarget: new (description?: string) => Error,
): Configuration {
  const deviceFlow = knobs.deviceFlow ?? true;
  const rotate = knobs.rotateRefreshTokens;
  const sim = knobs.simulate;
  const jwtClaims = sim?.jwtClaims;
  return {
    ...(sim?.routes ? { routes: sim.routes } : {}),
    ...(sim?.extraParams ? { extraParams: sim.extraParams } : {}),
    ...(jwtClaims ? { formats: { customizers: { jwt: async (_ctx: unknown, _token: unknown, jwt: { payload: Record<string, unknown> }) => jwtClaims(jwt.payload) } } } : {}),
    jwks: { keys: [jwk] },
    cookies: { keys: ['harness-cookie-key'] },
    clients: [...presetClients(deviceFlow), ...(knobs.clients ?? [])],
    // Gotcha 2: with only an EC key, DCR fails unless the default id_token alg matches it.
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256', ...sim?.clientDefaults },
    responseTypes: ['code'],
    scopes: sim?.scopes ?? (knobs.offlineAccess === false ? ['openid'] : ['openid', 'offline_access']),
    pkce: { required: () => knobs.pkceRequired ?? true },
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: knobs.registration ?? true },
      // RFC 7592 (registration_client_uri + registration_access_token in the DCR response), so
      // `rotate --client` can delete the client it replaces.
      registrationManagement: { enabled: knobs.registration ?? true },
      deviceFlow: { enabled: deviceFlow },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientIdMetadataDocument: knobs.cimd ? { enabled: true, ack: 'draft-02' } : { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx, _client, oneOf) =>
          sim?.defaultResource ? sim.defaultResource(ctx.oidc.params?.scope as string | undefined) : (oneOf ?? registry.resources.keys().next().value ?? undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: resourceServerInfo(knobs, registry, InvalidTarget),
      },
    },
    // Gotcha 4: MCP clients never send offline_access + prompt=consent, so do not require them.
    issueRefreshToken: async (_ctx, client) => (knobs.issueRefreshTokens ?? true) && client.grantTypeAllowed('refresh_token'),
    ...(rotate === undefined ? {} : { rotateRefreshToken: () => rotate }),
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  };
}
