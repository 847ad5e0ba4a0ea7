import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import { processTokenResponse } from './authorization-response.js';
import { checkAuthorizationEndpoint } from './authorization-request.js';
import { oauthOptions, type FlowHttp } from './oauth-options.js';

/** What the user must do, shown on stderr. */
export interface DevicePrompt {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | undefined;
  expiresInSeconds: number;
}

export interface DeviceFlowInput {
  as: oauth.AuthorizationServer;
  clientId: string;
  clientAuth: oauth.ClientAuth;
  resource: string | undefined;
  scope: string | undefined;
  /** Replaces the server's interval (tests only: oidc-provider sends none, gotcha 10). */
  intervalOverrideMs?: number;
}

export interface DeviceFlowDeps {
  http: FlowHttp;
  /** Monotonic ms. */
  clock: () => number;
  /** Resolves after ms, rejects when the signal aborts (Ctrl-C). */
  sleep: (ms: number) => Promise<void>;
  onPrompt: (prompt: DevicePrompt) => void;
}

/** RFC 8628 §3.5: "clients MUST use 5 as the default" interval; slow_down adds 5 s for good. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_STEP_MS = 5000;

export async function runDeviceFlow(input: DeviceFlowInput, deps: DeviceFlowDeps): Promise<oauth.TokenEndpointResponse> {
  const { as, resource } = input;
  if (typeof as.device_authorization_endpoint !== 'string') {
    throw new CliError('not-available', `the authorization server ${as.issuer} does not offer the device flow (no device_authorization_endpoint).`, {
      hint: 'Log in through the browser instead (omit --device), or use --no-browser and open the URL elsewhere.',
    });
  }
  const client = { client_id: input.clientId };
  const params: Record<string, string> = resource === undefined ? {} : { resource };
  if (input.scope !== undefined) params.scope = input.scope;
  const started = await oauth.deviceAuthorizationRequest(as, client, input.clientAuth, params, oauthOptions(as.device_authorization_endpoint, deps.http, 'device authorization'));
  const grant = await processTokenResponse(() => oauth.processDeviceAuthorizationResponse(as, client, started));
  // Only printed, never opened; still, a hostile URL must not smuggle terminal escapes or schemes.
  const verificationUri = checkAuthorizationEndpoint(grant.verification_uri, deps.http.allowHttp).href;
  const complete = grant.verification_uri_complete === undefined ? undefined : checkAuthorizationEndpoint(grant.verification_uri_complete, deps.http.allowHttp).href;
  deps.onPrompt({ userCode: grant.user_code, verificationUri, verificationUriComplete: complete, expiresInSeconds: grant.expires_in });
  let intervalMs = input.intervalOverrideMs ?? (grant.interval ?? DEFAULT_INTERVAL_S) * 1000;
  const deadline = deps.clock() + grant.expires_in * 1000;
  while (deps.clock() + intervalMs < deadline) {
    await deps.sleep(intervalMs);
    const outcome = await pollOnce(input, grant.device_code, deps.http);
    if (outcome === 'pending') continue;
    if (outcome === 'slow_down') {
      intervalMs += SLOW_DOWN_STEP_MS;
      continue;
    }
    return outcome;
  }
  throw expired(grant.expires_in);
}

async function pollOnce(input: DeviceFlowInput, deviceCode: string, http: FlowHttp): Promise<oauth.TokenEndpointResponse | 'pending' | 'slow_down'> {
  const client = { client_id: input.clientId };
  // RFC 8707 §2.2: `resource` on every token request, whatever the grant.
  const options = { ...oauthOptions(input.as.token_endpoint, http, 'token request (device_code)'), additionalParameters: (input.resource === undefined ? {} : { resource: input.resource }) as Record<string, string> };
  const response = await oauth.deviceCodeGrantRequest(input.as, client, input.clientAuth, deviceCode, options);
  try {
    return await oauth.processDeviceCodeResponse(input.as, client, response);
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      if (error.error === 'authorization_pending') return 'pending';
      if (error.error === 'slow_down') return 'slow_down';
      if (error.error === 'access_denied') throw new CliError('auth', 'the device login was denied.', { hint: 'Run login again and approve the request.' });
      if (error.error === 'expired_token') throw expired(undefined);
    }
    return processTokenResponse(() => Promise.reject(error));
  }
}

function expired(seconds: number | undefined): CliError {
  const when = seconds === undefined ? '' : ` (it was valid for ${seconds} s)`;
  return new CliError('auth', `the device code expired before the login was approved${when}.`, { hint: 'Run login --device again and approve sooner.' });
}
