import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeFetch } from '../../src/platform/node-fetch.js';

/**
 * A kept-alive socket the server has already closed: the request goes out on it just as the server's
 * keep-alive timer fires, and the connection is reset before any answer (the race every keep-alive
 * client meets; Node's docs: `request.reusedSocket`). The server here resets a connection at its
 * second request, which is that race made deterministic.
 */
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function resettingServer(resetOnReuse: boolean): Promise<{ origin: string; seen: string[] }> {
  const seen: string[] = [];
  const served = new WeakSet<Socket>();
  const server = createServer((req, res) => {
    const reused = served.has(req.socket);
    seen.push(`${req.method} ${reused ? 'reused' : 'fresh'}`);
    if (reused && resetOnReuse) return void req.socket.destroy();
    served.add(req.socket);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`ok ${body}`));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('node fetch: a reset kept-alive socket', () => {
  it('sends the request again once, on a fresh connection, when a reused socket is reset before any answer', async () => {
    const { origin, seen } = await resettingServer(true);
    const fetchImpl = createNodeFetch();
    expect(await (await fetchImpl(`${origin}/a`)).text()).toBe('ok ');
    const second = await fetchImpl(`${origin}/token`, { method: 'POST', body: 'grant_type=x' });
    expect(await second.text()).toBe('ok grant_type=x');
    expect(seen).toEqual(['GET fresh', 'POST reused', 'POST fresh']);
  });

  it('does not send again when a fresh connection is reset: that failure is reported', async () => {
    const server = createServer((req) => req.socket.destroy());
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    let requests = 0;
    server.on('request', () => (requests += 1));
    const fetchImpl = createNodeFetch();
    await expect(fetchImpl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).rejects.toMatchObject({ message: 'fetch failed' });
    expect(requests).toBe(1);
  });

  it('keeps using a live kept-alive socket', async () => {
    const { origin, seen } = await resettingServer(false);
    const fetchImpl = createNodeFetch();
    await (await fetchImpl(`${origin}/a`)).text();
    await (await fetchImpl(`${origin}/b`)).text();
    expect(seen).toEqual(['GET fresh', 'GET reused']);
  });
});
