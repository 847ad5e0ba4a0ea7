import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { startHarness, type Harness, type HarnessKnobs } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { connectStdio, CONSENT_BROWSER, freshHome, proxyArgs, type ProxyClient } from './proxy-client.js';

let harness: Harness | undefined;
let proxies: ProxyClient[] = [];
afterEach(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await harness?.close();
  proxies = [];
  harness = undefined;
});

const SESSIONS: HarnessKnobs = { mcp: { sessions: true, responses: 'sse' } };

/** A home with a real credential from the harness AS already stored (as `mcpauth login` leaves it). */
async function loggedInHome(h: Harness, options: { scope?: string; expiredMsAgo?: number } = {}): Promise<Record<string, string>> {
  const env = freshHome();
  const store = await openCredentialStore({ env, now: () => new Date() });
  await store.save(await obtainCredentialInput(h, options));
  return env;
}

async function connect(h: Harness, env: Record<string, string>, capabilities: Record<string, unknown> = {}): Promise<ProxyClient> {
  const proxy = await connectStdio(process.execPath, proxyArgs(h.mcpUrl, ['--browser', CONSENT_BROWSER]), env, capabilities);
  proxies.push(proxy);
  return proxy;
}

const textOf = (result: unknown): string => ((result as { content?: Array<{ text: string }> }).content ?? [])[0]?.text ?? '';

/** oidc-provider's grant events: how many refresh_token grants the AS served. */
function countRefreshes(h: Harness): () => number {
  let count = 0;
  h.as.provider.on('grant.success', (ctx: { oidc: { params?: { grant_type?: unknown } } }) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') count += 1;
  });
  return () => count;
}

describe('mcpauth proxy: messages in both directions (sessions, SSE answers)', () => {
  it('forwards server-to-client requests (ping, elicitation, sampling, roots) to the client and its answers back', async () => {
    harness = await startHarness(SESSIONS);
    const proxy = await connect(harness, await loggedInHome(harness), { elicitation: {}, sampling: {}, roots: {} });
    proxy.client.setRequestHandler(ElicitRequestSchema, async (request) => ({ action: 'accept', content: { name: `answer to ${request.params.message}` } }));
    proxy.client.setRequestHandler(CreateMessageRequestSchema, async () => ({ role: 'assistant', content: { type: 'text', text: 'hi there' }, model: 'test-model' }));
    proxy.client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///work', name: 'work' }] }));
    const result = textOf(await proxy.client.callTool({ name: 'ask-client', arguments: {} }));
    expect(result).toContain('ping: answered {}');
    expect(result).toContain('elicitation: answered {"action":"accept","content":{"name":"answer to What is your name?"}}');
    expect(result).toContain('"text":"hi there"');
    expect(result).toContain('roots: answered {"roots":[{"uri":"file:///work","name":"work"}]}');
  });

  it('forwards notifications sent before the response (logging) unchanged', async () => {
    harness = await startHarness(SESSIONS);
    const proxy = await connect(harness, await loggedInHome(harness));
    const seen: unknown[] = [];
    proxy.client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => void seen.push(notification.params));
    expect(textOf(await proxy.client.callTool({ name: 'echo', arguments: { text: 'hello' } }))).toBe('hello');
    expect(seen).toEqual([{ level: 'info', data: 'echoing 5 characters' }]);
  });

  it('starts a new session when the server forgot the old one (404, as after a restart) and retries the request', async () => {
    harness = await startHarness({ mcp: { ...SESSIONS.mcp, expireSessionOn: 'tools/call' } });
    const proxy = await connect(harness, await loggedInHome(harness));
    expect(textOf(await proxy.client.callTool({ name: 'echo', arguments: { text: 'after restart' } }))).toBe('after restart');
    expect(proxy.stderr()).toContain('forgot the session (HTTP 404)');
  });
});

describe('mcpauth proxy: credentials', () => {
  it('an access token that expired during the session is refreshed, and the call succeeds', async () => {
    harness = await startHarness();
    const refreshes = countRefreshes(harness);
    const proxy = await connect(harness, await loggedInHome(harness, { expiredMsAgo: 1000 }));
    expect(JSON.parse(textOf(await proxy.client.callTool({ name: 'whoami', arguments: {} })))).toMatchObject({ authenticated: true, sub: 'alice' });
    expect(refreshes()).toBe(1);
  });

  it('a revoked credential (refresh grant refused) leads to a new login through the --browser program', async () => {
    harness = await startHarness();
    const env = freshHome();
    const input = await obtainCredentialInput(harness, { expiredMsAgo: 1000 });
    const refreshToken = await harness.as.provider.RefreshToken.find(input.secrets.refreshToken ?? '');
    await refreshToken?.destroy();
    await (await openCredentialStore({ env, now: () => new Date() })).save(input);
    const proxy = await connect(harness, env);
    expect(JSON.parse(textOf(await proxy.client.callTool({ name: 'whoami', arguments: {} })))).toMatchObject({ authenticated: true });
    expect(proxy.stderr()).toMatch(/needs a login/);
  });

  it('403 insufficient_scope: logs in again with the union of scopes, once, and the call succeeds', async () => {
    harness = await startHarness();
    const proxy = await connect(harness, await loggedInHome(harness, { scope: 'mcp:tools' }));
    expect(textOf(await proxy.client.callTool({ name: 'admin-reset', arguments: {} }))).toBe('reset done');
    expect(proxy.stderr()).toMatch(/needs scope mcp:tools mcp:admin; logging in again for mcp:tools mcp:admin/);
    expect(proxy.stderr().match(/logging in again/g)).toHaveLength(1);
  });

  it('5 proxies on one expiring credential: exactly 1 refresh at the AS, 0 failed requests', async () => {
    harness = await startHarness();
    const refreshes = countRefreshes(harness);
    const env = await loggedInHome(harness, { expiredMsAgo: 1000 });
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(harness!, env)));
    const results = await Promise.all(clients.flatMap((proxy) => [1, 2].map(() => proxy.client.callTool({ name: 'whoami', arguments: {} }))));
    expect(results.map((result) => JSON.parse(textOf(result)).authenticated)).toEqual(Array(10).fill(true));
    expect(refreshes()).toBe(1);
  });
});
