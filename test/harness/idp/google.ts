import type { HarnessKnobs } from '../harness.js';
import { startSimulatedHarness, type IdpSimulator } from './simulator.js';

/**
 * Google (idp-quirks.md §6), on oidc-provider, for a Google-hosted MCP server. Known deviation: the
 * token endpoint stays on the issuer's host (Google's is oauth2.googleapis.com), so on loopback only
 * the /o/oauth2/v2/auth shape names Google (low confidence).
 */
export const GOOGLE_CLIENT_ID = '123456789012-desktopapp.apps.googleusercontent.com';
export const GOOGLE_CLIENT_SECRET = 'GOCSPX-google-sim-desktop-secret';

export function googleKnobs(): HarnessKnobs {
  return {
    as: {
      // §6 Shape: no trailing slash on the issuer; no DCR, no CIMD (google/mcp#39).
      registration: false,
      offlineAccess: false,
      clients: [
        // §6 rows 3 and 6: a Desktop app: loopback on any port, and a (non-confidential) secret still required.
        { client_id: GOOGLE_CLIENT_ID, client_secret: GOOGLE_CLIENT_SECRET, application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'], token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      ],
      simulate: {
        routes: { authorization: '/o/oauth2/v2/auth', token: '/token', revocation: '/revoke', device_authorization: '/device/code' },
        // §6 row 5 (pidge-gmail docs): refresh tokens come with access_type=offline.
        extraParams: ['access_type'],
      },
      // §6 Shape (live document, fixture): no `none` among the token endpoint auth methods.
      metadataOverrides: { token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'], code_challenge_methods_supported: ['plain', 'S256'] },
    },
    // §6 row 1 (copilot-cli#4606, python-sdk#1919): Google's MCP servers list the issuer with a trailing slash.
    wire: (as) => ({ prm: { authorizationServers: [`${as.issuer}/`] } }),
  };
}

export function startGoogleSimulator(): Promise<IdpSimulator> {
  return startSimulatedHarness('google', googleKnobs(), { clientId: GOOGLE_CLIENT_ID, clientSecret: GOOGLE_CLIENT_SECRET });
}
