import * as oauth from 'oauth4webapi';
import type { AuthorizationServerDiscovery, DiscoveryAttempt, DiscoveryDeps } from '../discovery/index.js';
import { HttpError } from '../http/http-error.js';
import { isLoopbackHost } from '../http/url-policy.js';
import { unsafeUrlReason } from './url-checks.js';

/** What `--active` learned at one AS. These requests create state (a registered client), hence opt-in. */
export interface ActiveEvidence {
  issuer: string;
  attempts: DiscoveryAttempt[];
  registration: { ok: true; clientId: string } | { ok: false; reason: string } | undefined;
  /** The `error` the AS sent back to our redirect URI for the resource check, or 'accepted'. */
  resourceOutcome: string | undefined;
  /** The Location the AS sent for an unregistered redirect URI (undefined: it showed an error instead). */
  unregisteredRedirect: string | undefined;
  /** Checks that could not be made, each with the AS's answer (reported as inconclusive, not as passed). */
  inconclusive: string[];
}
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
  const evidence: ActiveEvidence = { issuer: server.issuer, attempts: [], registration: undefined, resourceOutcome: undefined, unregisteredRedirect: undefined, inconclusive: [] };
  if (typeof as.registration_endpoint !== 'string') {
    evidence.inconclusive.push('the authorization server offers no registration_endpoint, so no client could be registered and the authorization endpoint was not checked');
    return evidence;
  }
  // Register exactly the redirect URI the check sends, port included: most ASes match redirect URIs
  // exactly (RFC 8252 §7.3's port-agnostic loopback matching is rare), and a portless registration
  // would make every such AS answer 400 for reasons that have nothing to do with the resource.
  const port = 49152 + Math.floor(Math.random() * 16000);
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const metadata = {
    client_name: 'mcpauth probe --active (safe to delete)', redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'],
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
  if (typeof as.authorization_endpoint !== 'string' || unsafeUrlReason(as.authorization_endpoint) !== undefined) {
    // A non-URL or unsafe endpoint is asm-unsafe-url already; it is never requested.
    evidence.inconclusive.push(typeof as.authorization_endpoint === 'string' ? `the authorization_endpoint is ${unsafeUrlReason(as.authorization_endpoint) ?? 'unusable'}, so it was not requested` : 'the metadata has no authorization_endpoint to check');
    return evidence;
  }
  const base = { clientId: evidence.registration.clientId, scope, endpoint: as.authorization_endpoint };
  const [withResource, unregistered] = await Promise.all([
    authorizationProbe({ ...base, redirectUri, resource }, 'active-resource', evidence, deps),
    authorizationProbe({ ...base, redirectUri: UNREGISTERED_REDIRECT, resource }, 'active-unregistered-redirect', evidence, deps),
  ]);
  if (withResource.location === undefined) {
    // No redirect back to the registered URI: the AS's own error page says why; the resource check is undecided.
    evidence.inconclusive.push(`the authorization request with the MCP resource and the registered redirect URI got no redirect back (${withResource.answer}), so whether the resource is accepted is unknown`);
  } else {
    evidence.resourceOutcome = parsedUrl(withResource.location)?.searchParams.get('error') ?? 'accepted';
  }
  const foreign = unregistered.location;
  evidence.unregisteredRedirect = foreign !== undefined && parsedUrl(foreign)?.host === new URL(UNREGISTERED_REDIRECT).host ? foreign : undefined;
  return evidence;
}

function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

interface AuthorizationProbe { endpoint: string; clientId: string; redirectUri: string; resource: string; scope: string | undefined }

/** One authorization request, never followed: the absolute Location (undefined: an error page), and the answer in words. */
async function authorizationProbe(p: AuthorizationProbe, kind: string, evidence: ActiveEvidence, deps: DiscoveryDeps): Promise<{ location: string | undefined; answer: string }> {
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
    if (location !== null) return { location: new URL(location, url).href, answer: `HTTP ${response.status}` };
    const text = (await response.text().catch(() => '')).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
    return { location: undefined, answer: `HTTP ${response.status}${text ? `: ${text}` : ''}` };
  } catch (error) {
    return { location: undefined, answer: error instanceof Error ? error.message : String(error) };
  }
}

function describeOauthError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return `${error.status} ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  if (error instanceof HttpError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
