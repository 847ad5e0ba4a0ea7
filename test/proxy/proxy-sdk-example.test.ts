import { ElicitRequestSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSdkExampleServer, type SdkExampleServer } from '../interop/sdk-example-server.js';
import { connectStdio, freshHome, proxyArgs, runBin, type ProxyClient } from './proxy-client.js';

// The official TS SDK example server as shipped (simpleStreamableHttp.js --oauth: SSE answers with
// priming events, sessions, the elicitation tool, its demo AS: in-memory DCR, auto-approval, opaque
// tokens, no refresh tokens, 500 for an unknown token), reached through the proxy by the SDK Client.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The demo AS approves at once: GET the authorization URL, then GET the loopback Location. */
const REDIRECT_BROWSER = `${process.execPath} ${ROOT}test/conformance/fetch-browser.mjs`;

const textOf = (result: unknown): string => ((result as { content?: Array<{ text: string }> }).content ?? [])[0]?.text ?? '';

describe('mcpauth proxy with the SDK example server (--oauth)', () => {
  let server: SdkExampleServer;
  let env: Record<string, string>;
  let proxy: ProxyClient;

  beforeAll(async () => {
    server = await startSdkExampleServer(['--oauth']);
    env = { ...freshHome(), MCPAUTH_BROWSER: REDIRECT_BROWSER };
    const login = await runBin(['login', server.url], env);
    expect(login.code, login.err).toBe(0);
    proxy = await connectStdio(process.execPath, proxyArgs(server.url), env, { elicitation: {} });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('lists and calls tools', async () => {
    const tools = (await proxy.client.listTools()).tools.map((tool) => tool.name);
    expect(tools).toEqual(expect.arrayContaining(['greet', 'multi-greet', 'collect-user-info']));
    expect(textOf(await proxy.client.callTool({ name: 'greet', arguments: { name: 'proxy' } }))).toBe('Hello, proxy!');
  });

  it('passes the log notifications multi-greet sends for the session (they arrive on the GET stream the proxy opened)', async () => {
    const seen: string[] = [];
    proxy.client.setNotificationHandler(LoggingMessageNotificationSchema, async (notification) => void seen.push(String(notification.params.data)));
    await proxy.client.setLoggingLevel('debug');
    expect(textOf(await proxy.client.callTool({ name: 'multi-greet', arguments: { name: 'stream' } }))).toBe('Good morning, stream!');
    // Session-addressed notifications travel on the server's GET stream, not the POST answer: no order between them.
    await vi.waitFor(() => expect(seen).toEqual(expect.arrayContaining(['Sending first greeting to stream', 'Sending second greeting to stream'])), { timeout: 10_000 });
  });

  it('round-trips the elicitation collect-user-info sends to the local client', async () => {
    const asked: string[] = [];
    proxy.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { name: 'Ada Lovelace', email: 'ada@example.com' } };
    });
    const result = textOf(await proxy.client.callTool({ name: 'collect-user-info', arguments: { infoType: 'contact' } }));
    expect(asked).toEqual(['Please provide your contact information']);
    expect(result).toContain('Ada Lovelace');
  });

  it('survives a server restart (sessions, registrations and tokens gone): new session, new login, same client connection', async () => {
    await server.restart();
    expect(textOf(await proxy.client.callTool({ name: 'greet', arguments: { name: 'again' } }))).toBe('Hello, again!');
    expect(proxy.stderr()).toMatch(/may have restarted|forgot the session/);
    expect(proxy.stderr()).toMatch(/needs a login/);
  });
});
