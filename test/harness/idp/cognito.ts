import type { HarnessKnobs } from '../harness.js';
import { omitAudience } from '../simulator-hooks.js';
import { freePort, startSimulatedHarness, type IdpSimulator } from './simulator.js';

/** An Amazon Cognito user pool (idp-quirks.md §5), on oidc-provider. */
export const COGNITO_CLIENT_ID = '1h57kf5cpq17m0eml12EXAMPLE';
const POOL = '/us-east-1_Ab12Cd34E';

export function cognitoKnobs(callbackPort: number): HarnessKnobs {
  return {
    as: {
      issuerPath: POOL,
      // §5 Shape (zuplo DCR error page): OIDC discovery only.
      metadataLocation: ['oidc-appended'],
      // §5 rows 1-2 (claude-code#67258, #13275): no DCR, no code_challenge_methods_supported (S256 enforced anyway).
      registration: false,
      pkceMethods: null,
      clients: [
        // §5 row 6 (CreateUserPoolClient callbackUrls): exact match; http only for localhost.
        { client_id: COGNITO_CLIENT_ID, application_type: 'web', redirect_uris: [`http://localhost:${callbackPort}/callback`], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      ],
      simulate: {
        routes: { authorization: '/oauth2/authorize', token: '/oauth2/token', jwks: '/.well-known/jwks.json', userinfo: '/oauth2/userInfo', revocation: '/oauth2/revoke' },
        // §5 row 3 (fastmcp#3739, AWS access-token doc): no aud; client_id and token_use instead.
        jwtClaims: (payload) => {
          omitAudience(payload);
          payload.token_use = 'access';
          payload['cognito:groups'] = ['mcp-users'];
        },
      },
      // §5 row 5 (openchoreo#3217): the pool-wide scope list includes scopes app clients rarely allow.
      metadataOverrides: { scopes_supported: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'] },
    },
    // §5 row 5: the server advertises no scopes in its PRM; §5 row 3 FIX: the server checks client_id, not aud.
    mcp: { prm: { scopesSupported: null }, verify: { audience: false }, requiredScopes: [] },
  };
}

export async function startCognitoSimulator(): Promise<IdpSimulator> {
  const callbackPort = await freePort();
  const sim = await startSimulatedHarness('cognito', cognitoKnobs(callbackPort), { clientId: COGNITO_CLIENT_ID }, callbackPort);
  // §5 row 4 (mcp-gateway-registry#1115): the endpoints live on another host (the Cognito domain);
  // `localhost` reaches the same listener under another host name.
  const split = sim.as.url.replace('127.0.0.1', 'localhost');
  Object.assign(sim.as.knobs.metadataOverrides ?? {}, { authorization_endpoint: `${split}${POOL}/oauth2/authorize`, token_endpoint: `${split}${POOL}/oauth2/token` });
  return sim;
}
