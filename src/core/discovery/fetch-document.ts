import type { HttpClient } from '../http/client.js';
import { fetchFollowingRedirects } from '../http/follow-redirects.js';
import { HttpError } from '../http/http-error.js';
import type { DiscoveryAttempt } from './attempt.js';
import { isJsonContentType } from './attempt.js';
import type { CandidateUrl } from './well-known-urls.js';
import { jsonTextTooDeep } from '../json/json-depth.js';

/** What discovery needs from outside: the policy-checked HTTP client, a clock, and an optional shared cache. */
export interface DiscoveryDeps {
  fetch: HttpClient['fetch'];
  clock?: () => number;
  /**
   * Shared between calls so a URL requested twice (the header's resource_metadata is usually the
   * path-inserted URL) goes over the wire once. Keyed by URL.
   */
  cache?: Map<string, Promise<FetchedDocument>>;
}

export interface FetchedDocument {
  attempt: DiscoveryAttempt;
  /** The parsed JSON object when outcome is 'found'. */
  document: Record<string, unknown> | undefined;
}

/** RFC 9728 §3.2 and RFC 8414 §3.2 documents are small; more than 1 MiB is hostile or broken. */
export const MAX_METADATA_BYTES = 1024 * 1024;
const MAX_METADATA_REDIRECTS = 3;

/** GETs one metadata candidate and classifies the answer. Never throws for network or HTTP failures. */
export function fetchMetadataDocument(candidate: CandidateUrl<string>, label: string, deps: DiscoveryDeps): Promise<FetchedDocument> {
  const cached = deps.cache?.get(candidate.url);
  if (cached) return cached.then((hit) => ({ ...hit, attempt: { ...hit.attempt, kind: candidate.kind, purpose: candidate.purpose } }));
  const pending = requestDocument(candidate, label, deps);
  deps.cache?.set(candidate.url, pending);
  return pending;
}

async function requestDocument(candidate: CandidateUrl<string>, label: string, deps: DiscoveryDeps): Promise<FetchedDocument> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const attempt: DiscoveryAttempt = {
    url: candidate.url,
    kind: candidate.kind,
    purpose: candidate.purpose,
    status: undefined,
    contentType: undefined,
    outcome: 'unreachable',
    detail: '',
    redirects: [],
    error: undefined,
    durationMs: 0,
  };
  try {
    const client = { fetch: deps.fetch, exchanges: [] };
    const init = { headers: { accept: 'application/json' }, label, maxBodyBytes: MAX_METADATA_BYTES };
    const { response, hops } = await fetchFollowingRedirects(client, candidate.url, init, { maxHops: MAX_METADATA_REDIRECTS + 1, refuse: refuseHop(candidate.url) });
    attempt.redirects = hops.slice(1);
    return { attempt, document: await classifyResponse(response, attempt) };
  } catch (error) {
    recordFailure(attempt, error);
    return { attempt, document: undefined };
  } finally {
    attempt.durationMs = Math.round(clock() - started);
  }
}

async function classifyResponse(response: Response, attempt: DiscoveryAttempt): Promise<Record<string, unknown> | undefined> {
  attempt.status = response.status;
  attempt.contentType = response.headers.get('content-type') ?? undefined;
  if (response.status !== 200) {
    attempt.outcome = response.status === 404 ? 'not-found' : 'http-status';
    attempt.detail = response.status >= 300 && response.status < 400 ? `redirect ${response.status} without a usable Location` : `HTTP ${response.status}`;
    return undefined;
  }
  const text = await response.text();
  const parsed = parseJsonObject(text);
  if (parsed === undefined) {
    attempt.outcome = 'not-json';
    const html = /^\s*</.test(text) || (attempt.contentType ?? '').includes('html');
    attempt.detail = html ? '200 but an HTML page, not JSON' : '200 but the body is not a JSON object';
    return undefined;
  }
  attempt.outcome = 'found';
  attempt.detail = isJsonContentType(attempt.contentType)
    ? '200 JSON document'
    : `200 JSON document, but Content-Type is ${attempt.contentType ?? 'missing'} (application/json required)`;
  return parsed;
}

/** Best Practices §SSRF: validate each hop. A loop or a long chain is refused (as 'invalid-url', a policy stop). */
function refuseHop(first: string): (target: URL) => string | undefined {
  const seen = new Set([first]);
  return (target) => {
    if (seen.has(target.href)) return `redirect loop: ${target.href} was already requested`;
    seen.add(target.href);
    return seen.size > MAX_METADATA_REDIRECTS + 1 ? `more than ${MAX_METADATA_REDIRECTS} redirects` : undefined;
  };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  // Nested deeper than any metadata document: treated as not JSON (later steps recurse over it).
  if (jsonTextTooDeep(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function recordFailure(attempt: DiscoveryAttempt, error: unknown): void {
  if (!(error instanceof HttpError)) throw error;
  attempt.error = { code: error.code, detailCode: error.detailCode, message: error.message };
  attempt.detail = error.message;
  if (error.code === 'too-large') attempt.outcome = 'too-large';
  else if (error.code === 'insecure-http' || error.code === 'invalid-url' || error.code === 'private-address') attempt.outcome = 'refused';
  else attempt.outcome = 'unreachable';
}
