import type { HarnessKnobs } from '../harness.js';
import { startSimulatedHarness, type IdpSimulator } from './simulator.js';

/** Keycloak < 26.4, realm `mcp`, anonymous DCR behind the Trusted Hosts policy (idp-quirks.md §4). */
export const KEYCLOAK_CLIENT_ID = 'mcp-cli';
const REALM = '/realms/mcp';

export interface KeycloakOptions {
  /** §4 row 4 FIX applied: an Audience mapper adds the MCP URL to aud. Default false (Keycloak's default). */
  audienceMapper?: boolean;
}

export function keycloakKnobs(options: KeycloakOptions = {}): HarnessKnobs {
  let mcpUrl = '';
  return {
    as: {
      issuerPath: REALM,
      // §4 row 1 (keycloak#40923): before 26.4 metadata lives only under the realm path.
      metadataLocation: ['oidc-appended', 'rfc8414-appended'],
      // §4 row 7 (fixture): plain and S256 advertised.
      pkceMethods: ['plain', 'S256'],
      clients: [
        // §4 row 8 (keycloak#25637): 127.0.0.1 on any port.
        { client_id: KEYCLOAK_CLIENT_ID, application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      ],
      simulate: {
        // §16 signature: /protocol/openid-connect/* and /clients-registrations/openid-connect.
        routes: {
          authorization: '/protocol/openid-connect/auth', token: '/protocol/openid-connect/token', jwks: '/protocol/openid-connect/certs',
          registration: '/clients-registrations/openid-connect', device_authorization: '/protocol/openid-connect/auth/device',
          introspection: '/protocol/openid-connect/token/introspect', revocation: '/protocol/openid-connect/revoke',
        },
        // §4 row 2 (dnotitia/akb#635): anonymous DCR rejected by the Trusted Hosts policy, verbatim body.
        intercept: (method, pathname) =>
          method === 'POST' && pathname === `${REALM}/clients-registrations/openid-connect`
            ? { status: 403, body: { error: 'insufficient_scope', error_description: "Policy 'Trusted Hosts' rejected request to client-registration service. Details: Host not trusted." } }
            : undefined,
        // §4 row 5 (keycloak MCP guide): `resource` is not recognised without the experimental feature.
        resourceServer: (resource) => {
          mcpUrl ||= resource;
          return { audience: 'account', scopes: ['mcp:tools', 'mcp:admin'] };
        },
        // §4 row 4 (phasetwo tutorial): aud is only `account` unless an Audience mapper adds the MCP server.
        jwtClaims: (payload) => {
          payload.aud = options.audienceMapper ? [mcpUrl, 'account'] : 'account';
          payload.azp = payload.client_id;
          payload.typ = 'Bearer';
        },
      },
    },
  };
}

export function startKeycloakSimulator(options: KeycloakOptions = {}): Promise<IdpSimulator> {
  return startSimulatedHarness('keycloak', keycloakKnobs(options), { clientId: KEYCLOAK_CLIENT_ID });
}
