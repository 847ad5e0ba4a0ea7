import * as oauth from 'oauth4webapi';
import type { HttpClient } from '../http/client.js';
import { isLoopbackHost } from '../http/url-policy.js';
import { normalizeTokenResponse } from '../idp/token-response.js';

/** The HTTP layer's fetch: policy-checked, traced, capped (src/core/http/client.ts). */
export type FlowFetch = HttpClient['fetch'];

export interface FlowHttp {
  fetch: FlowFetch;
  allowHttp: boolean;
}

/**
 * oauth4webapi options for one request: our fetch as customFetch, and allowInsecureRequests only where
 * our own policy already allows http (loopback, or --allow-http), as the frame guide requires.
 */
export interface OAuthRequestOptions {
  [oauth.customFetch]: (url: string, options: { body: unknown; headers: Record<string, string>; method: string; redirect: 'manual'; signal?: AbortSignal }) => Promise<Response>;
  [oauth.allowInsecureRequests]: boolean;
}

export function oauthOptions(endpoint: string | undefined, http: FlowHttp, label?: string): OAuthRequestOptions {
  let loopback = false;
  try {
    loopback = endpoint !== undefined && isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    loopback = false;
  }
  return {
    // Accept: application/json is sent by oauth4webapi; IdPs that still answer in their own way are normalised.
    [oauth.customFetch]: async (url, options) =>
      normalizeTokenResponse(await http.fetch(url, { method: options.method, headers: options.headers, body: options.body as string | URLSearchParams | null, signal: options.signal ?? null, label })),
    [oauth.allowInsecureRequests]: http.allowHttp || loopback,
  };
}
