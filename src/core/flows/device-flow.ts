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
/**
 * Bounds on what the server chooses: an interval below 1 s (0.001 once gave 150 polls a second) or
 * not a number falls back to 5 s; above 60 s is held at 60 s; expires_in is capped at 30 minutes
 * (RFC 8628's own example is 1800 s; 1e9 would let a login poll for decades).
 */
export const DEVICE_LIMITS = { minIntervalS: 1, maxIntervalS: 60, maxExpiresInS: 1800 } as const;

export function boundedInterval(interval: unknown): number {
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < DEVICE_LIMITS.minIntervalS) return DEFAULT_INTERVAL_S;
  return Math.min(interval, DEVICE_LIMITS.maxIntervalS);
}

export function boundedExpiresIn(expiresIn: unknown): number {
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) return DEVICE_LIMITS.maxExpiresInS;
  return Math.min(expiresIn, DEVICE_LIMITS.maxExpiresInS);
}

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
  const expiresIn = boundedExpiresIn(grant.expires_in);
  deps.onPrompt({ userCode: grant.user_code, verificationUri, verificationUriComplete: complete, expiresInSeconds: expiresIn });
  let intervalMs = input.intervalOverrideMs ?? boundedInterval(grant.interval) * 1000;
  const deadline = deps.clock() + expiresIn * 1000;
  while (deps.clock() + intervalMs < deadline) {
    await deps.sleep(intervalMs);
    const outcome = await pollOnce(input, grant.device_code, deps.http);
    if (outcome === 'pending') continue;
    if (outcome === 'slow_down') {
      // RFC 8628 §3.5: every slow_down adds 5 s, for the rest of this grant (held at the maximum).
      intervalMs = Math.min(intervalMs + SLOW_DOWN_STEP_MS, Math.max(intervalMs, DEVICE_LIMITS.maxIntervalS * 1000));
      continue;
    }
    return outcome;
  }
  throw expired(expiresIn);
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
