import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { createRequire } from 'node:module';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, Readable, type Transform } from 'node:stream';
import { toHeaderRecord, type HeaderSource } from '../core/http/header-record.js';
import { standardResponse, type ResponseFactory } from '../core/http/response-factory.js';
import { resolveAddresses, type ResolvedAddress } from './resolve-host.js';

/** Statuses whose Response must have no body (Fetch standard: null body status). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Fetch standard §2.9 "bad port": never connected to, as Node's own fetch refuses them. */
const BAD_PORTS = new Set([0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);

export interface NodeFetchOptions {
  /** A PEM CA bundle trusted on top of Node's roots (`probe --ca-file`). NODE_EXTRA_CA_CERTS needs nothing here. */
  ca?: string;
  /**
   * The address rule, applied to the addresses a socket is about to connect to (a literal host's own
   * address, or every answer of the one lookup the connection uses), so a DNS answer that changes
   * between a check and the connection cannot slip through. Throws to refuse.
   */
  admit?: (url: URL, addresses: readonly string[]) => Promise<void>;
  /** Host name -> addresses; the OS resolver unless injected (tests). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** How responses are built: the real Response by default; the proxy passes platform/lite-response.ts's. */
  makeResponse?: ResponseFactory;
}

interface Transport {
  request: typeof import('node:http').request;
  secureRequest: typeof import('node:https').request;
  agent: HttpAgent;
  secureAgent: HttpsAgent;
}

/**
 * The `fetch` of every command (passed to oauth4webapi and jose as customFetch too), over node:http and
 * node:https. Two reasons: Node's global fetch (undici) offers no hook at connect time, which the address
 * rule needs against DNS rebinding, and no extra CA without undici's Agent (not a dependency); and it
 * costs about 40 MB of resident memory once used (its HTTP parser runs as WebAssembly). Only what the
 * HTTP layer uses is supported: string and form bodies, headers, an abort signal, no redirect following
 * (the layer asks for 'manual' anyway). Failures have undici's shape (TypeError 'fetch failed' with the
 * cause), so core/http classifies both alike. Its own agents: a kept-alive socket is one this fetch's
 * rule admitted.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  let transport: Promise<Transport> | undefined;
  return (async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw networkFailure(new TypeError(`unsupported protocol ${url.protocol}`));
    if (BAD_PORTS.has(Number(url.port || (url.protocol === 'https:' ? 443 : 80)))) throw networkFailure(new TypeError('bad port'));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // A literal address is connected to without a lookup: the rule sees it here.
    if (isIP(host) !== 0) await options.admit?.(url, [host]);
    const { request, secureRequest, agent, secureAgent } = await (transport ??= loadTransport(options.ca));
    const { headers, body } = requestParts(init);
    const secure = url.protocol === 'https:';
    const lookup = options.admit === undefined && options.resolve === undefined ? undefined : admittingLookup(url, options);
    const send = (retriesLeft: number): Promise<Response> =>
      new Promise<Response>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const settings = { method: init.method ?? 'GET', headers, ...(lookup === undefined ? {} : { lookup }) };
        let answered = false;
        const onResponse = (res: IncomingMessage): void => {
          answered = true;
          try {
            resolve(toResponse(res, url, init.method === 'HEAD', options.makeResponse ?? standardResponse));
          } catch (error) {
            res.destroy();
            reject(networkFailure(error));
          }
        };
        const req = secure ? secureRequest(url, { ...settings, agent: secureAgent }, onResponse) : request(url, { ...settings, agent }, onResponse);
        const onAbort = (): void => void req.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
        signal?.addEventListener('abort', onAbort, { once: true });
        req.once('close', () => signal?.removeEventListener('abort', onAbort));
        req.once('error', (error: NodeJS.ErrnoException) => {
          if (signal?.aborted) return reject(signal.reason);
          // A kept-alive socket the server closed while it sat idle (its keep-alive timer fired as we sent):
          // reset before any answer, so the server never took the request. Send it again, on another socket
          // (Node's documented pattern, `request.reusedSocket`); a fresh connection's failure is reported.
          if (req.reusedSocket && !answered && error.code === 'ECONNRESET' && retriesLeft > 0) return resolve(send(retriesLeft - 1));
          reject(networkFailure(error));
        });
        req.end(body);
      });
    return send(MAX_STALE_SOCKETS);
  }) as typeof fetch;
}

const requireBuiltin = createRequire(import.meta.url);

/** Kept-alive sockets that may each turn out closed before one request finds a live or fresh one. */
const MAX_STALE_SOCKETS = 4;

// Loaded on the first request: node:https alone costs a few ms of start-up that commands without network skip.
async function loadTransport(ca: string | undefined): Promise<Transport> {
  const [http, https, tls] = await Promise.all([import('node:http'), import('node:https'), import('node:tls')]);
  return {
    request: http.request,
    secureRequest: https.request,
    agent: new http.Agent({ keepAlive: true }),
    secureAgent: new https.Agent({ keepAlive: true, ...(ca === undefined ? {} : { ca: [...tls.rootCertificates, ca] }) }),
  };
}

/** Resolves once, applies the rule to every answer, and hands the socket only what was admitted. */
function admittingLookup(url: URL, options: NodeFetchOptions): LookupFunction {
  const resolve = options.resolve ?? resolveAddresses;
  return (hostname, lookupOptions, callback) => {
    const run = async (): Promise<ResolvedAddress[]> => {
      const answers = await resolve(hostname);
      await options.admit?.(url, answers.map((a) => a.address));
      const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
      const usable = family === 4 || family === 6 ? answers.filter((a) => a.family === family) : answers;
      if (usable.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      return usable;
    };
    run().then(
      (usable) => (lookupOptions.all === true ? callback(null, usable) : callback(null, usable[0]?.address ?? '', usable[0]?.family)),
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function requestParts(init: RequestInit): { headers: Record<string, string>; body: string | undefined } {
  // A plain record, not Headers: the first Headers loads undici (about 12 MB), which the proxy avoids.
  const headers = toHeaderRecord(init.headers as HeaderSource | undefined);
  const body = typeof init.body === 'string' || init.body instanceof URLSearchParams ? init.body.toString() : init.body == null ? undefined : String(init.body);
  // The defaults fetch itself would add (Fetch standard: extract a body; HTTP-network-or-cache fetch).
  headers.accept ??= '*/*';
  if (body !== undefined) {
    headers['content-type'] ??= init.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded;charset=UTF-8' : 'text/plain;charset=UTF-8';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  return { headers, body };
}

/** Same shape as undici's network failure, so the HTTP layer classifies both transports alike. */
function networkFailure(cause: unknown): TypeError {
  return Object.assign(new TypeError('fetch failed'), { cause });
}

/**
 * No Accept-Encoding is sent, but a server may compress anyway; Node's fetch decoded gzip, deflate and br,
 * and so does this. The HTTP layer's cap counts decoded bytes, so a compression bomb stops at the cap.
 */
function decoded(res: IncomingMessage): Readable {
  const coding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return res;
  // node:zlib (about 1.4 MB resident) only for an answer that needs it: MCP servers rarely compress.
  const zlib = requireBuiltin('node:zlib') as typeof import('node:zlib');
  const decoder: Transform | undefined = coding === 'gzip' || coding === 'x-gzip' ? zlib.createGunzip() : coding === 'deflate' ? zlib.createInflate() : coding === 'br' ? zlib.createBrotliDecompress() : undefined;
  if (decoder === undefined) return res;
  pipeline(res, decoder, () => undefined);
  return decoder;
}

function toResponse(res: IncomingMessage, url: URL, head: boolean, makeResponse: ResponseFactory): Response {
  const status = res.statusCode ?? 0;
  // A Response cannot carry a status outside 200-599; undici treats such an answer as a network error too.
  if (status < 200 || status > 599) throw new TypeError(`invalid status ${status}`);
  const body = NULL_BODY.has(status) || head ? null : (Readable.toWeb(decoded(res)) as ReadableStream<Uint8Array>);
  if (body === null) res.resume();
  const headers = {
    forEach(callback: (value: string, name: string) => void): void {
      for (let i = 0; i < res.rawHeaders.length; i += 2) callback(res.rawHeaders[i + 1] ?? '', res.rawHeaders[i] ?? '');
    },
  };
  return makeResponse(body, { status, statusText: res.statusMessage ?? '', headers }, url.href);
}
