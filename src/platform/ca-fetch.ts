import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { rootCertificates } from 'node:tls';

/**
 * A fetch that trusts an extra PEM CA bundle (`probe --ca-file`) on top of Node's roots, built on
 * node:https because undici (whose Agent would do this for the global fetch) is not a dependency.
 * Only what the HTTP client uses: method, headers, string body, signal, redirect 'manual' (never follows).
 * NODE_EXTRA_CA_CERTS is already part of Node's default trust and needs nothing here.
 */
export function createCaFetch(caPem: string): typeof fetch {
  const ca = [...rootCertificates, caPem];
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => void (headers[name] = value));
    const body = typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : undefined;
    return new Promise<Response>((resolve, reject) => {
      const send = url.protocol === 'https:' ? request : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, ca, signal: init.signal ?? undefined }, (res) => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
        }
        const status = res.statusCode ?? 0;
        const nullBody = [101, 204, 205, 304].includes(status) || init.method === 'HEAD';
        const stream = nullBody ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>);
        if (nullBody) res.resume();
        resolve(new Response(stream, { status, statusText: res.statusMessage, headers: responseHeaders }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }) as typeof fetch;
}
