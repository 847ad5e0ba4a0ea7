import type { HarnessKnobs } from '../harness.js';
import { freePort, startSimulatedHarness, type IdpSimulator } from './simulator.js';

/** Okta custom authorization server `default` (idp-quirks.md §3), on oidc-provider. */
export const OKTA_CLIENT_ID = '0oa1okta2native3app4';

export interface OktaOptions {
  /** true: the PRM points at the org AS (issuer without /oauth2/<id>), §3 row 1. */
  orgAuthorizationServer?: boolean;
}

export function oktaKnobs(options: OktaOptions, callbackPort: number): HarnessKnobs {
  return {
    as: {
      // §3 Shape: custom AS issuer https://{domain}/oauth2/{authServerId}; the org AS has no path.
      ...(options.orgAuthorizationServer ? {} : { issuerPath: '/oauth2/default' }),
      // §3 row 3 (MCP spec#695): the registration endpoint exists but needs an admin SSWS token (below).
      registration: false,
      clients: [
        // §3 row 7 (Okta support article): redirect URIs match exactly, port included (a 'web' client here).
        { client_id: OKTA_CLIENT_ID, application_type: 'web', redirect_uris: [`http://127.0.0.1:${callbackPort}/callback`], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      ],
      simulate: {
        routes: { authorization: '/v1/authorize', token: '/v1/token', jwks: '/v1/keys', device_authorization: '/v1/device/authorize', introspection: '/v1/introspect', revocation: '/v1/revoke' },
        // §3 row 3: anonymous registration at /oauth2/v1/clients fails (vscode#263336: a server-side SSWS token is needed).
        intercept: (method, pathname) =>
          method === 'POST' && pathname === '/oauth2/v1/clients' ? { status: 401, body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' } } : undefined,
        // §3 row 5 (zuplo Okta guide): the audience is the AS's configured Audience, whatever `resource` says
        // (whether Okta ignores or rejects `resource` is unverified, §19; the simulator ignores it).
        resourceServer: () => undefined,
      },
      // §3 Shape + §16 (okta-auth-js fixture): okta_post_message and the /oauth2/v1/clients endpoint.
      metadataOverrides: {
        response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
        code_challenge_methods_supported: ['S256'],
      },
    },
  };
}

export async function startOktaSimulator(options: OktaOptions = {}): Promise<IdpSimulator> {
  const callbackPort = await freePort();
  const sim = await startSimulatedHarness('okta', oktaKnobs(options, callbackPort), { clientId: OKTA_CLIENT_ID }, callbackPort);
  // The registration endpoint sits at the org level, outside the custom AS path (§3 Shape).
  Object.assign(sim.as.knobs.metadataOverrides ?? {}, { registration_endpoint: `${sim.as.url}/oauth2/v1/clients` });
  return sim;
}
