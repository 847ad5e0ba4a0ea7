import * as oauth from 'oauth4webapi';
import type { AuthorizationServerDiscovery, DiscoveryAttempt, DiscoveryDeps } from '../discovery/index.js';
import { HttpError } from '../http/http-error.js';
import { isLoopbackHost } from '../http/url-policy.js';

/** What `--active` learned at one AS. These requests create state (a registered client), hence opt-in. */
export interface ActiveEvidence {
  issuer: string;
  attempts: DiscoveryAttempt[];
  registration: { ok: true; clientId: string } | { ok: false; reason: string } | undefined;
  /** The `error` the AS sent back to our redirect URI for the resource check, or 'accepted'. */
  resourceOutcome: string | undefined;
  /** The Location the AS sent for an unregistered redirect URI (undefined: it showed an error instead). */
  unregisteredRedirect: string | undefined;
}

const REGISTERED_REDIRECT = 'http://127.0.0.1/callback';
const UNREGISTERED_REDIRECT = 'https://probe.mcpauth.invalid/cb';

/** A fetch that records its single request as a trace attempt (oauth4webapi makes the request). */
function recorded(kind: string, attempts: DiscoveryAttempt[], deps: DiscoveryDeps, label: string): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const attempt: DiscoveryAttempt = { url, kind, purpose: 'spec', status: undefined, contentType: undefined, outcome: 'http-status', detail: '', redirects: [], error: undefined, durationMs: 0 };
    attempts.push(attempt);
    const clock = deps.clock ?? (() => performance.now());
    const started = clock();
    try {
      const response = await deps.fetch(url, { method: init?.method, headers: init?.headers as Record<string, string>, body: init?.body as string, label });
      attempt.status = response.status;
      attempt.contentType = response.headers.get('content-type') ?? undefined;
      const location = response.headers.get('location');
      attempt.detail = location === null ? `HTTP ${response.status}` : `redirect to ${location}`;
      return response;
    } catch (error) {
      if (error instanceof HttpError) Object.assign(attempt, { outcome: 'unreachable', detail: error.message, error: { code: error.code, detailCode: error.detailCode, message: error.message } });
      throw error;
    } finally {
      attempt.durationMs = Math.round(clock() - started);
    }
  }) as typeof fetch;
}

function insecureAllowed(url: string | undefined): boolean {
  try {
    return url !== undefined && isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Checklist D50-D53 and E59-E60, without a browser and without a login: registers a public native
 * client (loopback redirect, application_type native), then sends two authorization requests and reads
 * only the first answer: one with the MCP `resource` (is it accepted?), one with an unregistered
 * redirect URI (must be an error page, never a redirect).
 */
export async function runActiveChecks(server: AuthorizationServerDiscovery, resource: string, scope: string | undefined, deps: DiscoveryDeps): Promise<ActiveEvidence> {
  const as = server.metadata as oauth.AuthorizationServer;
  const evidence: ActiveEvidence = { issuer: server.issuer, attempts: [], registration: undefined, resourceOutcome: undefined, unregisteredRedirect: undefined };
  if (typeof as.registration_endpoint !== 'string') return evidence;
  const metadata = {
    client_name: 'mcpauth probe --active (safe to delete)', redirect_uris: [REGISTERED_REDIRECT], grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'], token_endpoint_auth_method: 'none', application_type: 'native',
  };
  const options = { [oauth.customFetch]: recorded('active-registration', evidence.attempts, deps, 'active: dynamic client registration'), [oauth.allowInsecureRequests]: insecureAllowed(as.registration_endpoint) };
  try {
    const client = await oauth.processDynamicClientRegistrationResponse(await oauth.dynamicClientRegistrationRequest(as, metadata, options));
    evidence.registration = { ok: true, clientId: client.client_id };
  } catch (error) {
    evidence.registration = { ok: false, reason: describeOauthError(error) };
    return evidence;
  }
  if (typeof as.authorization_endpoint !== 'string') return evidence;
  const port = 49152 + Math.floor(Math.random() * 16000);
  const base = { clientId: evidence.registration.clientId, scope, endpoint: as.authorization_endpoint };
  const [withResource, unregistered] = await Promise.all([
    authorizationProbe({ ...base, redirectUri: `http://127.0.0.1:${port}/callback`, resource }, 'active-resource', evidence, deps),
    authorizationProbe({ ...base, redirectUri: UNREGISTERED_REDIRECT, resource }, 'active-unregistered-redirect', evidence, deps),
  ]);
  evidence.resourceOutcome = withResource === undefined ? undefined : new URL(withResource).searchParams.get('error') ?? 'accepted';
  evidence.unregisteredRedirect = unregistered !== undefined && new URL(unregistered).host === new URL(UNREGISTERED_REDIRECT).host ? unregistered : undefined;
  return evidence;
}

interface AuthorizationProbe { endpoint: string; clientId: string; redirectUri: string; resource: string; scope: string | undefined }

/** One authorization request, never followed: returns the absolute Location, or undefined (error page). */
async function authorizationProbe(p: AuthorizationProbe, kind: string, evidence: ActiveEvidence, deps: DiscoveryDeps): Promise<string | undefined> {
  const url = new URL(p.endpoint);
  const verifier = oauth.generateRandomCodeVerifier();
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('state', oauth.generateRandomState());
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('resource', p.resource);
  if (p.scope !== undefined) url.searchParams.set('scope', p.scope);
  try {
    const response = await recorded(kind, evidence.attempts, deps, `active: authorization request (${kind})`)(url.href, { method: 'GET' });
    const location = response.headers.get('location');
    return location === null ? undefined : new URL(location, url).href;
  } catch {
    return undefined;
  }
}

function describeOauthError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return `${error.status} ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof HttpError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
