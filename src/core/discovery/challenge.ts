import { HttpError } from '../http/http-error.js';
import type { DiscoveryAttempt } from './attempt.js';
import type { DiscoveryDeps } from './fetch-document.js';
import { findBearerChallenge, parseWwwAuthenticate, type AuthChallenge, type ParsedWwwAuthenticate } from './www-authenticate.js';

/** The MCP wire generations whose first request differs. */
export type McpWire = '2025-11-25' | '2026-07-28';

export interface ChallengeRequestOptions {
  wire: McpWire;
  /** Sent as `Authorization: Bearer …` (probe's invalid-token and real-token checks); absent for the real challenge. */
  token?: string;
  /** Sent as `Origin`, to see the CORS headers a browser client would get. */
  origin?: string;
  label?: string;
}

/** What the unauthenticated (or token-bearing) MCP request got back. */
export interface Challenge {
  status: number;
  /** A redirect's target, resolved against the MCP URL (never followed: a 401 is expected). */
  location: string | undefined;
  contentType: string | undefined;
  wwwAuthenticate: ParsedWwwAuthenticate;
  bearer: AuthChallenge | undefined;
  /** The Bearer challenge's `resource_metadata`, as sent (may be relative or broken: caller validates). */
  resourceMetadata: string | undefined;
  scope: string | undefined;
  error: string | undefined;
  /** 'json-rpc' when the body is a JSON-RPC response (the request was served without auth). */
  bodyKind: 'json-rpc' | 'html' | 'other' | 'empty';
  /** Response headers a browser client depends on (CORS), lower-cased names. */
  cors: { allowOrigin: string | undefined; exposeHeaders: string | undefined };
}

export interface ChallengeResult {
  attempt: DiscoveryAttempt;
  /** Undefined when no HTTP answer came back (attempt.error says why). */
  challenge: Challenge | undefined;
}

const CHALLENGE_BODY_LIMIT = 256 * 1024;

/** The JSON-RPC message and headers a client sends first ([25-11 L156]; 2026-07-28 is stateless: no initialize). */
export function challengeRequestInit(options: ChallengeRequestOptions): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    'mcp-protocol-version': options.wire,
  };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.origin !== undefined) headers.origin = options.origin;
  const clientInfo = { name: 'mcpauth-probe', version: '0' };
  if (options.wire === '2025-11-25') {
    const params = { protocolVersion: options.wire, capabilities: {}, clientInfo };
    return { headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params }) };
  }
  // 2026-07-28 (changelog items 1-4): every request carries the version in _meta and the method in a header.
  headers['mcp-method'] = 'tools/list';
  const params = { _meta: { 'io.modelcontextprotocol/protocolVersion': options.wire, 'io.modelcontextprotocol/clientInfo': clientInfo } };
  return { headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params }) };
}

/** Sends the MCP request (request half of the pair). Throws HttpError when there is no answer. */
export function challengeRequest(mcpUrl: string, options: ChallengeRequestOptions, deps: Pick<DiscoveryDeps, 'fetch'>): Promise<Response> {
  const { headers, body } = challengeRequestInit(options);
  const label = options.label ?? (options.token === undefined ? 'unauthenticated MCP request' : 'MCP request with a token');
  return deps.fetch(mcpUrl, { method: 'POST', headers, body, label, maxBodyBytes: CHALLENGE_BODY_LIMIT });
}

/** Reads the answer (process half): status, parsed challenges, the Bearer parameters, the body's kind. */
export async function processChallengeResponse(response: Response, mcpUrl: string): Promise<Challenge> {
  const wwwAuthenticate = await parseWwwAuthenticate(response.headers.get('www-authenticate'));
  const bearer = findBearerChallenge(wwwAuthenticate);
  const location = response.headers.get('location');
  const text = await response.text();
  return {
    status: response.status,
    location: location === null ? undefined : resolveLocation(location, mcpUrl),
    contentType: response.headers.get('content-type') ?? undefined,
    wwwAuthenticate,
    bearer,
    resourceMetadata: bearer?.parameters.resource_metadata,
    scope: bearer?.parameters.scope,
    error: bearer?.parameters.error,
    bodyKind: classifyBody(text, response.headers.get('content-type')),
    cors: {
      allowOrigin: response.headers.get('access-control-allow-origin') ?? undefined,
      exposeHeaders: response.headers.get('access-control-expose-headers') ?? undefined,
    },
  };
}

/** Both halves, never throwing for a missing answer: the attempt records what happened. */
export async function fetchChallenge(mcpUrl: string, options: ChallengeRequestOptions, deps: DiscoveryDeps): Promise<ChallengeResult> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const attempt: DiscoveryAttempt = {
    url: mcpUrl, kind: options.token === undefined ? 'challenge' : 'token-check', purpose: 'spec', status: undefined,
    contentType: undefined, outcome: 'unreachable', detail: '', redirects: [], error: undefined, durationMs: 0,
  };
  try {
    const challenge = await processChallengeResponse(await challengeRequest(mcpUrl, options, deps), mcpUrl);
    attempt.status = challenge.status;
    attempt.contentType = challenge.contentType;
    attempt.outcome = challenge.status === 404 ? 'not-found' : 'http-status';
    attempt.detail = describeChallenge(challenge);
    return { attempt, challenge };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    attempt.error = { code: error.code, detailCode: error.detailCode, message: error.message };
    attempt.outcome = error.code === 'too-large' ? 'too-large' : error.code === 'insecure-http' || error.code === 'invalid-url' ? 'refused' : 'unreachable';
    attempt.detail = error.message;
    return { attempt, challenge: undefined };
  } finally {
    attempt.durationMs = Math.round(clock() - started);
  }
}

function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

function classifyBody(text: string, contentType: string | null): Challenge['bodyKind'] {
  if (text.trim() === '') return 'empty';
  if ((contentType ?? '').includes('html') || /^\s*</.test(text)) return 'html';
  if (/"jsonrpc"\s*:\s*"2\.0"/.test(text) && /"result"\s*:/.test(text)) return 'json-rpc';
  return 'other';
}

function describeChallenge(c: Challenge): string {
  if (c.status >= 300 && c.status < 400) return `redirect to ${c.location ?? '(no Location)'}`;
  if (c.wwwAuthenticate.kind === 'absent') return c.status === 401 ? '401 without WWW-Authenticate' : `status ${c.status}`;
  if (c.wwwAuthenticate.kind === 'malformed') return 'WWW-Authenticate cannot be parsed';
  const schemes = c.wwwAuthenticate.challenges.map((ch) => ch.scheme).join(', ');
  const rm = c.resourceMetadata === undefined ? 'no resource_metadata' : `resource_metadata=${c.resourceMetadata}`;
  return `challenge ${schemes}; ${rm}${c.scope === undefined ? '' : `; scope="${c.scope}"`}`;
}
