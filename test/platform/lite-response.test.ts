import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/core/http/client.js';
import { toHeaderRecord } from '../../src/core/http/header-record.js';
import { createLiteResponse } from '../../src/platform/lite-response.js';
import { createNodeFetch } from '../../src/platform/node-fetch.js';

let server: Server;
let base: string;
const seen: Array<Record<string, string | string[] | undefined>> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/empty') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(req.url === '/missing' ? 404 : 200, 'Custom Text', [['Content-Type', 'application/json'], ['X-Twice', 'a'], ['x-twice', 'b']]);
    res.end(JSON.stringify({ path: req.url, method: req.method }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => createHttpClient({ fetch: createNodeFetch({ makeResponse: createLiteResponse }), makeResponse: createLiteResponse, timeoutMs: 5000, allowHttp: true, userAgent: 'mcpauth-test', keepExchanges: true });

describe('lite responses over node:http (the proxy path)', () => {
  it('reads status, headers (any case, repeated joined) and a JSON body through the HTTP layer', async () => {
    const http = client();
    const response = await http.fetch(`${base}/a`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Extra': '1' }, body: '{}' });
    expect([response.status, response.ok, response.statusText, response.url]).toEqual([200, true, 'Custom Text', `${base}/a`]);
    expect(response.headers.get('CONTENT-TYPE')).toBe('application/json');
    expect(response.headers.get('x-twice')).toBe('a, b');
    expect(response.headers.has('x-none')).toBe(false);
    expect(await response.json()).toEqual({ path: '/a', method: 'POST' });
    expect(seen.at(-1)).toMatchObject({ 'content-type': 'application/json', 'x-extra': '1', 'user-agent': 'mcpauth-test' });
    expect(http.exchanges.at(-1)).toMatchObject({ status: 200, contentType: 'application/json', responseHeaders: { 'x-twice': 'a, b' } });
  });

  it('streams a body when asked, and gives no body for 204', async () => {
    const http = client();
    const streamed = await http.fetch(`${base}/s`, { stream: true });
    const chunks: Uint8Array[] = [];
    for await (const chunk of streamed.body as ReadableStream<Uint8Array>) chunks.push(chunk);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8'))).toEqual({ path: '/s', method: 'GET' });
    const empty = await http.fetch(`${base}/empty`);
    expect([empty.status, empty.body, await empty.text()]).toEqual([204, null, '']);
    const missing = await http.fetch(`${base}/missing`);
    expect([missing.status, missing.ok]).toEqual([404, false]);
  });
});

describe('toHeaderRecord', () => {
  it('lower-cases names, joins repeats and refuses header injection like Headers does', () => {
    expect(toHeaderRecord({ Accept: 'a', ACCEPT: 'b', 'X-One': '1' })).toEqual({ accept: 'a, b', 'x-one': '1' });
    expect(toHeaderRecord(new Headers([['X-A', '1']]))).toEqual({ 'x-a': '1' });
    expect(() => toHeaderRecord({ 'x-a': 'v\r\nInjected: 1' })).toThrow(TypeError);
    expect(() => toHeaderRecord({ 'bad name': 'v' })).toThrow(TypeError);
  });
});
