import * as oauth from 'oauth4webapi';
import { LOOPBACK_REDIRECT_URI } from './auth-provider-config.js';
import { completeAuthorization } from './consent-driver.js';
import type { ConsentOptions } from './consent-driver.js';

/**
 * A reference OAuth client for tests (oauth4webapi, as the CLI uses it): DCR, code + PKCE, device flow.
 * Later tests use it to get real tokens from the harness without re-implementing the dance.
 */
export const insecure = { [oauth.allowInsecureRequests]: true } as const;

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Never requested: completeAuthorization returns the redirect instead of following it. */
export const TEST_REDIRECT_URI = 'http://127.0.0.1:53682/callback';

export async function registerNativeClient(
  as: oauth.AuthorizationServer,
  metadata: Partial<oauth.OmitSymbolProperties<oauth.Client>> = {},
): Promise<oauth.Client> {
  const res = await oauth.dynamicClientRegistrationRequest(
    as,
    {
      client_name: 'harness test client',
      application_type: 'native',
      redirect_uris: [LOOPBACK_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token', DEVICE_GRANT],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...metadata,
    },
    insecure,
  );
  return oauth.processDynamicClientRegistrationResponse(res);
}

export function clientAuthFor(client: oauth.Client): oauth.ClientAuth {
  return typeof client.client_secret === 'string' ? oauth.ClientSecretBasic(client.client_secret) : oauth.None();
}

export interface CodeFlowOptions extends ConsentOptions {
  resource: string;
  scope?: string;
  /** Default: a freshly registered public native client. */
  client?: oauth.Client;
}

export interface FlowResult {
  client: oauth.Client;
  tokens: oauth.TokenEndpointResponse;
}

/** Authorization code + PKCE S256 + RFC 8707 resource, consent given by the consent driver. */
export async function runCodeFlow(as: oauth.AuthorizationServer, opts: CodeFlowOptions): Promise<FlowResult & { callback: URL }> {
  const client = opts.client ?? (await registerNativeClient(as));
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(String(as.authorization_endpoint));
  url.search = new URLSearchParams({
    client_id: client.client_id,
    response_type: 'code',
    redirect_uri: TEST_REDIRECT_URI,
    scope: opts.scope ?? 'mcp:tools',
    resource: opts.resource,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  const callback = await completeAuthorization(url, opts);
  const params = oauth.validateAuthResponse(as, client, callback, state);
  const res = await oauth.authorizationCodeGrantRequest(as, client, clientAuthFor(client), params, TEST_REDIRECT_URI, verifier, {
    ...insecure,
    additionalParameters: { resource: opts.resource },
  });
  return { client, callback, tokens: await oauth.processAuthorizationCodeResponse(as, client, res) };
}

export async function startDeviceAuthorization(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  opts: { resource: string; scope?: string },
): Promise<oauth.DeviceAuthorizationResponse> {
  const params = { scope: opts.scope ?? 'mcp:tools', resource: opts.resource };
  const res = await oauth.deviceAuthorizationRequest(as, client, clientAuthFor(client), params, insecure);
  return oauth.processDeviceAuthorizationResponse(as, client, res);
}

/** One device_code token request; resolves undefined while the AS says authorization_pending. */
export async function pollDeviceTokenOnce(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  deviceCode: string,
): Promise<oauth.TokenEndpointResponse | undefined> {
  const res = await oauth.deviceCodeGrantRequest(as, client, clientAuthFor(client), deviceCode, insecure);
  try {
    return await oauth.processDeviceCodeResponse(as, client, res);
  } catch (err) {
    if (err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending') return undefined;
    throw err;
  }
}

/** Polls with a short interval: oidc-provider sends no `interval` (gotcha 10), and tests must stay fast. */
export async function pollDeviceToken(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  deviceCode: string,
  { intervalMs = 50, timeoutMs = 5000 } = {},
): Promise<oauth.TokenEndpointResponse> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const tokens = await pollDeviceTokenOnce(as, client, deviceCode);
    if (tokens) return tokens;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`device flow not approved within ${timeoutMs} ms`);
}
