import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/** Statuses whose Response must have no body (Fetch standard: null body status). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` over node:http/https for the long-running proxy. Node's global fetch (undici) costs about
 * 40 MB of resident memory once used (its HTTP parser runs as WebAssembly), twice what the whole proxy
 * needs otherwise; node:http parses natively. Only what the HTTP layer uses is supported: string
 * bodies, headers, an abort signal, no redirect following (the layer asks for 'manual' anyway).
 */
export function createNodeFetch(): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const req = send(url, { method: init.method ?? 'GET', headers }, (res) => resolve(toResponse(res, url)));
      const onAbort = (): void => {
        req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('close', () => signal?.removeEventListener('abort', onAbort));
      // Same shape as undici's network failure, so the HTTP layer classifies it the same way.
      req.once('error', (error) => reject(signal?.aborted ? signal.reason : Object.assign(new TypeError('fetch failed'), { cause: error })));
      req.end(body);
    });
  }) as typeof fetch;
}

function toResponse(res: IncomingMessage, url: URL): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '');
  const status = res.statusCode ?? 502;
  const body = NULL_BODY.has(status) ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
  if (body === null) res.resume();
  const response = new Response(body, { status, statusText: res.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
