import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandHttpClient } from '../../src/commands/runtime.js';
import { createAddressGuard } from '../../src/core/http/address-guard.js';
import { createHttpClient, type HttpClient } from '../../src/core/http/client.js';
import { createNodeFetch } from '../../src/platform/node-fetch.js';
import type { ResolvedAddress } from '../../src/platform/resolve-host.js';
import { plainStyle } from '../../src/output/style.js';
import { startHttpServer, type TestServer } from '../core/probe/hostile-servers.js';
import { createTestDeps } from '../helpers/test-deps.js';

/**
 * DNS rebinding against the address rule: a name that answers one address to whoever checks it and
 * another to whoever connects. The resolver is injected (no DNS server offline); the connections are
 * real, to a recording server on 127.0.0.1 that closes every connection, so each request needs a
 * fresh lookup.
 */
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function recorder(): Promise<{ port: string; origin: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = await startHttpServer((req, res) => {
    requests.push(req);
    res.writeHead(204, { connection: 'close' }).end();
  });
  servers.push(server);
  return { port: new URL(server.origin).port, origin: server.origin, requests };
}

/** 'rebind.test' answers `answers[i]` to its i-th lookup (the last one ever after); other names answer public. */
function rebindingResolver(answers: string[][]): { resolve: (host: string) => Promise<ResolvedAddress[]>; lookups: () => number } {
  let count = 0;
  const resolve = (host: string): Promise<ResolvedAddress[]> => {
    if (host !== 'rebind.test') return Promise.resolve([{ address: '93.184.216.34', family: 4 }]);
    const list = answers[Math.min(count, answers.length - 1)] ?? [];
    count += 1;
    return Promise.resolve(list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return { resolve, lookups: () => count };
}

const asStrings = (resolve: (host: string) => Promise<ResolvedAddress[]>) => async (host: string) => (await resolve(host)).map((a) => a.address);

function client(fetchImpl: typeof fetch, guard: ReturnType<typeof createAddressGuard>): HttpClient {
  return createHttpClient({ fetch: fetchImpl, timeoutMs: 2000, allowHttp: true, userAgent: 't', addressGuard: guard });
}

describe('DNS rebinding', () => {
  it('a check on one answer and a connection on the next reaches 127.0.0.1; the connect-time rule refuses it', async () => {
    const local = await recorder();
    const url = `http://rebind.test:${local.port}/latest`;
    const target = ['https://mcp.example.com/mcp'];
    // Check first, then a transport that resolves on its own (what Node's fetch did): the check sees a
    // public address, the socket gets 127.0.0.1, and the request arrives. This is the attack.
    const before = rebindingResolver([['93.184.216.34'], ['127.0.0.1']]);
    const checkThenFetch = client(createNodeFetch({ resolve: before.resolve }), createAddressGuard({ allowPrivate: false, resolve: asStrings(before.resolve) }, target));
    expect((await checkThenFetch.fetch(url)).status).toBe(204);
    expect(local.requests).toHaveLength(1);
    // The same answers with the rule applied by the transport to the addresses it connects to.
    const after = rebindingResolver([['93.184.216.34'], ['127.0.0.1']]);
    const guard = createAddressGuard({ allowPrivate: false, resolve: asStrings(after.resolve) }, target);
    await expect(client(createNodeFetch({ resolve: after.resolve, admit: guard.admit }), guard).fetch(url)).rejects.toMatchObject({ code: 'private-address', message: expect.stringMatching(/rebind\.test:\d+: it resolves to a loopback address/) });
    expect(after.lookups()).toBe(2);
    expect(local.requests).toHaveLength(1);
  });

  it('each connection is checked on its own lookup: allowed first, the metadata service next, refused before connecting', async () => {
    const local = await recorder();
    const url = `http://rebind.test:${local.port}/x`;
    const dns = rebindingResolver([['127.0.0.1'], ['169.254.169.254']]);
    // The user's own target is on loopback, so loopback is allowed; the metadata service never is.
    const guard = createAddressGuard({ allowPrivate: false, resolve: asStrings(dns.resolve), checkedAtConnect: true }, [`${local.origin}/mcp`]);
    const http = client(createNodeFetch({ resolve: dns.resolve, admit: guard.admit }), guard);
    expect((await http.fetch(url)).status).toBe(204);
    // 'private-address', not a timeout: 169.254.169.254 was never handed to a socket.
    await expect(http.fetch(url)).rejects.toMatchObject({ code: 'private-address', message: expect.stringMatching(/cloud metadata-service address/) });
    expect(dns.lookups()).toBe(2);
    expect(local.requests).toHaveLength(1);
    expect(http.exchanges.map((e) => e.error?.code ?? e.status)).toEqual([204, 'private-address']);
  });

  it('an answer that mixes a public and a private address is refused as a whole', async () => {
    const local = await recorder();
    const dns = rebindingResolver([['93.184.216.34', '127.0.0.1']]);
    const guard = createAddressGuard({ allowPrivate: false, resolve: asStrings(dns.resolve), checkedAtConnect: true }, ['https://mcp.example.com/mcp']);
    const http = client(createNodeFetch({ resolve: dns.resolve, admit: guard.admit }), guard);
    await expect(http.fetch(`http://rebind.test:${local.port}/`)).rejects.toMatchObject({ code: 'private-address' });
    expect(local.requests).toHaveLength(0);
  });

  it('the literal address of a URL is checked by the transport too (no lookup happens for it)', async () => {
    const local = await recorder();
    const dns = rebindingResolver([['127.0.0.1']]);
    const guard = createAddressGuard({ allowPrivate: false, resolve: asStrings(dns.resolve), checkedAtConnect: true }, ['https://mcp.example.com/mcp']);
    const transport = createNodeFetch({ resolve: dns.resolve, admit: guard.admit });
    await expect(transport(`${local.origin}/`)).rejects.toMatchObject({ code: 'private-address' });
    await expect(transport('http://[::ffff:169.254.169.254]/')).rejects.toThrow(/metadata-service/);
    expect(local.requests).toHaveLength(0);
    expect(dns.lookups()).toBe(0);
  });

  it('a command\'s HTTP client applies the rule where it connects (the real OS resolver, localhost)', async () => {
    const local = await recorder();
    const deps = createTestDeps();
    const globals = { json: true, color: false, verbose: false, timeoutMs: 2000, input: false, allowHttp: true, targets: ['https://mcp.example.com/mcp'] };
    const url = `http://localhost:${local.port}/x`;
    await expect(createCommandHttpClient({ deps, globals, errStyle: plainStyle }).fetch(url)).rejects.toMatchObject({ code: 'private-address', message: expect.stringMatching(/loopback address/) });
    expect(local.requests).toHaveLength(0);
    expect((await createCommandHttpClient({ deps, globals: { ...globals, allowPrivate: true }, errStyle: plainStyle }).fetch(url)).status).toBe(204);
    expect(local.requests).toHaveLength(1);
  });
});
