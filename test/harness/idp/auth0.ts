import type { HarnessKnobs } from '../harness.js';
import { startSimulatedHarness, type IdpSimulator } from './simulator.js';

/** Auth0 with DCR switched on and the Resource Parameter Compatibility Profile off (the defaults; §2). */
export const AUTH0_CLIENT_ID = 'auth0-native-app';

export interface Auth0Options {
  /** §2 row 1: DCR is off by default; the simulator turns it on unless told otherwise. */
  registration?: boolean;
}

export function auth0Knobs(options: Auth0Options = {}): HarnessKnobs {
  return {
    as: {
      // §2 Shape: the issuer ends with '/' (nextjs-auth0#2693); PRMs often list it without one.
      issuerSuffix: '/',
      registration: options.registration ?? true,
      clients: [
        // Auth0's loopback port matching is unverified (§19); a Native app with the loopback callback.
        { client_id: AUTH0_CLIENT_ID, application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      ],
      simulate: {
        // §16 signature: /authorize, /oauth/token, /oidc/register (Auth0 DCR doc).
        routes: { authorization: '/authorize', token: '/oauth/token', registration: '/oidc/register', jwks: '/.well-known/jwks.json', userinfo: '/userinfo' },
        // §2 row 3 (resource-param-compatibility-profile doc): `resource` is ignored, `audience` selects the API.
        rewriteParams: (endpoint, params) => {
          params.delete('resource');
          const audience = params.get('audience');
          params.delete('audience');
          if (endpoint === 'authorization' && audience !== null) params.set('resource', audience);
        },
        // §2 row 4 (vscode#274226, inspector#566): no audience means no usable JWT (opaque here).
        defaultResource: () => undefined,
      },
    },
    // §2 row 5: the PRM lists the issuer without its trailing slash (the catalogue's common case).
    wire: (as) => ({ prm: { authorizationServers: [as.url] } }),
  };
}

/** The API identifier (audience) is the MCP URL: "create an API whose Identifier equals the PRM resource" (§2 row 3 FIX). */
export function startAuth0Simulator(options: Auth0Options = {}): Promise<IdpSimulator> {
  return startSimulatedHarness('auth0', auth0Knobs(options), { clientId: AUTH0_CLIENT_ID });
}
