import { createServer, type Server, type ServerResponse, type IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../../src/core/http/client.js';
import { fetchFollowingRedirects } from '../../../src/core/http/follow-redirects.js';
import { HttpError } from '../../../src/core/http/http-error.js';
import { createNodeFetch } from '../../../src/platform/node-fetch.js';

let server: Server;
let base: string;
let bytesSentByStream = 0;

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  '/echo-ua': (req, res) => res.writeHead(200).end(req.headers['user-agent']),
  '/hang': () => undefined,
  '/redirect': (_req, res) => res.writeHead(302, { location: '/ok' }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  // Compressed although nobody asked (no Accept-Encoding): decoded, and the cap counts decoded bytes.
  '/gzip': (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(gzipSync('{"ok":true}')),
  '/gzip-bomb': (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20 * 1024 * 1024))),
  '/declared-huge': (_req, res) => res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).end(),
  // 200 MB, streamed without a length: the client must stop reading long before the end.
  '/stream-huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const push = (): void => {
      while (bytesSentByStream < 200 * 1024 * 1024) {
        bytesSentByStream += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', push);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => res.destroy());
    push();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => (routes[req.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Every behaviour of the layer holds over both transports: Node's fetch (injected in tests) and the
// node:http one every command uses (platform/node-fetch.ts).
const transports: Array<[string, () => typeof fetch]> = [['global fetch', () => globalThis.fetch], ['node-fetch', () => createNodeFetch()]];
let transport: () => typeof fetch = () => globalThis.fetch;

function client(options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ fetch: transport(), timeoutMs: 2000, allowHttp: false, userAgent: 'mcpauth/test', ...options });
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe.each(transports)('the HTTP layer over %s', (_name, make) => {
  beforeAll(() => {
    transport = make;
  });

  it('fetches, sends the mcpauth User-Agent, and records the exchange', async () => {
    const http = client();
    const response = await http.fetch(`${base}/echo-ua`, { label: 'user agent check' });
    expect(await response.text()).toBe('mcpauth/test');
    expect(http.exchanges).toHaveLength(1);
    expect(http.exchanges[0]).toMatchObject({ seq: 1, method: 'GET', url: `${base}/echo-ua`, status: 200, label: 'user agent check', bytes: 12 });
  });

  it('times out a server that never answers, within the per-request timeout', async () => {
    const http = client({ timeoutMs: 300 });
    const error = await failure(http.fetch(`${base}/hang`));
    expect(error.code).toBe('timeout');
    expect(http.exchanges[0]?.error?.code).toBe('timeout');
  });

  it('refuses a declared oversized body without reading it', async () => {
    const error = await failure(client().fetch(`${base}/declared-huge`));
    expect(error.code).toBe('too-large');
  });

  it('aborts a 200 MB stream once past the cap, in bounded memory', async () => {
    bytesSentByStream = 0;
    const before = process.memoryUsage().rss;
    const error = await failure(client().fetch(`${base}/stream-huge`, { maxBodyBytes: 1024 * 1024 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/larger than the 1 MiB limit/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bytesSentByStream).toBeLessThan(50 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('decodes a gzip answer, and stops a gzip bomb at the cap on decoded bytes', async () => {
    expect(await (await client().fetch(`${base}/gzip`)).json()).toEqual({ ok: true });
    const error = await failure(client().fetch(`${base}/gzip-bomb`, { maxBodyBytes: 1024 * 1024 }));
    expect(error.code).toBe('too-large');
  });

  it('never follows a redirect silently: the 3xx is returned and its target recorded', async () => {
    const http = client();
    const response = await http.fetch(`${base}/redirect`);
    expect(response.status).toBe(302);
    expect(http.exchanges).toHaveLength(1);
    expect(http.exchanges[0]?.location).toBe(`${base}/ok`);
  });

  it('follows redirects only on request, recording every hop, and stops a loop', async () => {
    const http = client();
    const followed = await fetchFollowingRedirects(http, `${base}/redirect`, {});
    expect(followed.response.status).toBe(200);
    expect(followed.hops).toEqual([`${base}/redirect`, `${base}/ok`]);
    const error = await failure(fetchFollowingRedirects(http, `${base}/loop`, {}, { maxHops: 3 }));
    expect(error.message).toMatch(/after 3 redirects/);
  });

  it('refuses plain http to a non-loopback host before any request, unless allowed', async () => {
    let called = false;
    const spy: typeof fetch = async () => {
      called = true;
      return new Response('');
    };
    const error = await failure(client({ fetch: spy }).fetch('http://mcp.example.com/mcp'));
    expect(error.code).toBe('insecure-http');
    expect(called).toBe(false);
    await client({ fetch: spy, allowHttp: true }).fetch('http://mcp.example.com/mcp');
    expect(called).toBe(true);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', 'not a url'])('never requests %s', async (url) => {
    const error = await failure(client({ fetch: async () => new Response('') }).fetch(url));
    expect(error.code).toBe('invalid-url');
  });

  it('classifies a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client().fetch(`http://127.0.0.1:${port}/`));
    expect(error.code).toBe('connection-refused');
  });

  it('masks credentials in the recorded exchange', async () => {
    const http = client();
    await http.fetch(`${base}/ok?code=abcdefgh12345678&state=s1`, { headers: { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.secret-part.sig' } });
    const exchange = http.exchanges[0];
    expect(exchange?.url).not.toContain('abcdefgh12345678');
    expect(exchange?.url).toContain('state=s1');
    expect(exchange?.requestHeaders.authorization).toMatch(/^Bearer eyJh…\[\d+ chars, #[0-9a-f]{8}\]$/);
    expect(JSON.stringify(exchange)).not.toContain('secret-part');
  });

  it('a cancelled client (Ctrl-C) reports cancelled, not timeout', async () => {
    const controller = new AbortController();
    const http = client({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(http.fetch(`${base}/hang`));
    expect(error.code).toBe('cancelled');
  });

  it('a caller\'s own signal (an overall time bound) says so, rather than a bare network error', async () => {
    const error = await failure(client().fetch(`${base}/hang`, { signal: AbortSignal.timeout(50) }));
    expect(error.code).toBe('cancelled');
    expect(error.message).toMatch(/overall time bound/);
  });

  it('names a port that fetch refuses outright instead of a bare "fetch failed"', async () => {
    const error = await failure(client().fetch('http://127.0.0.1:9/mcp'));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/blocked ports/);
  });
});
