import { maskHeaderValue, maskUrl } from '../secrets/mask.js';
import type { HttpExchange } from './exchange.js';
import { classifyFetchError, HttpError } from './http-error.js';
import { readBodyCapped } from './read-body.js';
import { createStreamGuard, guardBody } from './stream-body.js';
import type { AddressGuard } from './address-guard.js';
import { checkRequestUrl } from './url-policy.js';
import { toHeaderRecord, type HeaderSource } from './header-record.js';
import { standardResponse, type ResponseFactory } from './response-factory.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpClientOptions {
  fetch: typeof fetch;
  /** Per-request timeout. */
  timeoutMs: number;
  allowHttp: boolean;
  userAgent: string;
  maxBodyBytes?: number;
  /** Cancels every request of this client (Ctrl-C). */
  signal?: AbortSignal;
  /** Monotonic clock in ms; injected so traces are testable. */
  clock?: () => number;
  onExchange?: (exchange: HttpExchange) => void;
  /** The rule for server-supplied URLs (private, link-local and metadata addresses); commands always set it. */
  addressGuard?: AddressGuard;
  /** false: do not keep every exchange in `exchanges` (the proxy runs for hours; onExchange still sees each). */
  keepExchanges?: boolean;
  /** How returned responses are built (default: the Fetch standard's Response). */
  makeResponse?: ResponseFactory;
}

export interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string> | Headers;
  body?: string | URLSearchParams | null;
  signal?: AbortSignal | null;
  label?: string;
  maxBodyBytes?: number;
  timeoutMs?: number;
  /**
   * Return as soon as the headers arrive and pass the body through as it streams (MCP SSE answers):
   * the timeout becomes an idle timeout, and the exchange is recorded without its final byte count.
   */
  stream?: boolean;
}

export interface HttpClient {
  /**
   * fetch-compatible (oauth4webapi's and jose's customFetch). Redirects are never followed: the
   * 3xx response is returned and recorded. The body is read here, capped, so a hostile server
   * cannot stream forever or exhaust memory.
   */
  fetch(input: string | URL, init?: HttpRequestInit): Promise<Response>;
  readonly exchanges: readonly HttpExchange[];
  /** Marks a URL as the user's own target (a stored credential's server): its network is allowed. */
  trust(url: string): void;
}

function maskedRecord(headers: HeaderSource): Record<string, string> {
  const record = toHeaderRecord(headers);
  for (const name of Object.keys(record)) record[name] = maskHeaderValue(name, record[name] ?? '');
  return record;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const clock = options.clock ?? (() => performance.now());
  const origin = clock();
  const exchanges: HttpExchange[] = [];
  const makeResponse = options.makeResponse ?? standardResponse;
  let sequence = 0;
  const record = (exchange: HttpExchange): void => {
    if (options.keepExchanges !== false) exchanges.push(exchange);
    options.onExchange?.(exchange);
  };

  async function send(input: string | URL, init: HttpRequestInit = {}): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase();
    const url = checkRequestUrl(input, { allowHttp: options.allowHttp });
    const headers = toHeaderRecord(init.headers);
    headers['user-agent'] ??= options.userAgent;
    const started = clock();
    const exchange: HttpExchange = {
      seq: (sequence += 1),
      method,
      url: maskUrl(url.href),
      label: init.label,
      startMs: Math.round(started - origin),
      durationMs: 0,
      status: undefined,
      contentType: undefined,
      bytes: undefined,
      location: undefined,
      error: undefined,
      requestHeaders: maskedRecord(headers),
      responseHeaders: {},
    };
    const timeoutMs = init.timeoutMs ?? options.timeoutMs;
    if (init.stream === true) return sendStreaming(url, method, headers, init, exchange, started);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [timeout, options.signal, init.signal].filter((s): s is AbortSignal => Boolean(s));
    const signal = AbortSignal.any(signals);
    try {
      await options.addressGuard?.check(url);
      const response = await options.fetch(url, {
        method,
        headers,
        body: init.body ?? null,
        redirect: 'manual',
        signal,
      });
      exchange.status = response.status;
      exchange.contentType = response.headers.get('content-type') ?? undefined;
      exchange.responseHeaders = maskedRecord(response.headers);
      const location = response.headers.get('location');
      if (location !== null) exchange.location = maskUrl(new URL(location, url).href);
      const body = await readBodyCapped(response, init.maxBodyBytes ?? options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, url.href);
      exchange.bytes = body?.byteLength ?? 0;
      return rebuildResponse(response, body, url.href, makeResponse);
    } catch (error) {
      const failure = toHttpError(error, url.href, () => timeout.aborted, [options.signal, init.signal ?? undefined], timeoutMs);
      exchange.error = { code: failure.code, message: failure.message };
      throw failure;
    } finally {
      exchange.durationMs = Math.round(clock() - started);
      record(exchange);
    }
  }

  async function sendStreaming(url: URL, method: string, headers: Record<string, string>, init: HttpRequestInit, exchange: HttpExchange, started: number): Promise<Response> {
    const timeoutMs = init.timeoutMs ?? options.timeoutMs;
    const guard = createStreamGuard(timeoutMs, [options.signal, init.signal]);
    const fail = (error: unknown): HttpError => toHttpError(error, url.href, () => guard.idleFired, [options.signal, init.signal ?? undefined], timeoutMs);
    try {
      const response = await options.fetch(url, { method, headers, body: init.body ?? null, redirect: 'manual', signal: guard.signal });
      exchange.status = response.status;
      exchange.contentType = response.headers.get('content-type') ?? undefined;
      exchange.responseHeaders = maskedRecord(response.headers);
      if (response.body === null) {
        guard.stop();
        return rebuildResponse(response, null, url.href, makeResponse);
      }
      const max = init.maxBodyBytes ?? options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      const body = guardBody(response.body, guard, max, url.href, fail, (total) => {
        exchange.bytes = total;
      });
      return makeResponse(body, { status: response.status, statusText: response.statusText, headers: response.headers }, url.href);
    } catch (error) {
      guard.stop();
      const failure = fail(error);
      exchange.error = { code: failure.code, message: failure.message };
      throw failure;
    } finally {
      exchange.durationMs = Math.round(clock() - started);
      record(exchange);
    }
  }

  return { fetch: send, exchanges, trust: (target) => options.addressGuard?.trust(target) };
}

function toHttpError(error: unknown, url: string, timedOut: () => boolean, cancels: Array<AbortSignal | undefined>, timeoutMs: number): HttpError {
  if (error instanceof HttpError) return error;
  // The client's signal is Ctrl-C; a caller's own signal is usually an overall time bound.
  if (cancels[0]?.aborted) return new HttpError('cancelled', url, 'the request was cancelled', { cause: error });
  if (cancels[1]?.aborted) return new HttpError('cancelled', url, 'the request was stopped by the caller (an overall time bound)', { cause: error });
  if (timedOut()) {
    return new HttpError('timeout', url, `no complete answer within ${Math.round(timeoutMs / 100) / 10} s`, { cause: error });
  }
  return classifyFetchError(error, url);
}

// A Response with the already-read body; url kept so libraries that look at it still can.
function rebuildResponse(original: Response, body: Uint8Array | null, url: string, makeResponse: ResponseFactory): Response {
  const nullBody = body === null || [101, 204, 205, 304].includes(original.status);
  return makeResponse(nullBody ? null : body, { status: original.status, statusText: original.statusText, headers: original.headers }, url);
}
