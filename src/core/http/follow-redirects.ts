import type { HttpClient, HttpRequestInit } from './client.js';
import { HttpError } from './http-error.js';

export interface FollowedResponse {
  response: Response;
  /** Every URL requested, in order, the first one included. */
  hops: string[];
}

export interface FollowOptions {
  maxHops?: number;
  /** Extra check of each hop's target (e.g. same origin only); return a reason to refuse it. */
  refuse?: (target: URL, from: URL) => string | undefined;
}

/**
 * Follows redirects by hand, for the few places the spec allows it (GETs of metadata documents).
 * Each hop goes through the client again, so it is recorded and checked against the URL policy.
 */
export async function fetchFollowingRedirects(
  client: Pick<HttpClient, 'fetch'>,
  url: string,
  init: HttpRequestInit,
  options: FollowOptions = {},
): Promise<FollowedResponse> {
  const maxHops = options.maxHops ?? 5;
  const hops: string[] = [url];
  let current = new URL(url);
  for (;;) {
    const response = await client.fetch(current, init);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return { response, hops };
    const target = new URL(location, current);
    if (hops.length > maxHops) {
      throw new HttpError('network', target.href, `stopped after ${maxHops} redirects (a redirect loop?)`);
    }
    const refusal = options.refuse?.(target, current);
    if (refusal !== undefined) throw new HttpError('invalid-url', target.href, refusal);
    hops.push(target.href);
    current = target;
  }
}
