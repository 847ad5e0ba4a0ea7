import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import type { McpServerKnobs } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

// `call` over every answer shape the SDK's Streamable HTTP server produces: JSON, SSE, sessions with
// priming events, streams closed after priming (Last-Event-ID resumption), server-to-client requests
// and a forgotten session.

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function loggedIn(mcp: McpServerKnobs): Promise<{ env: Record<string, string>; url: string; harness: Harness }> {
  harness = await startHarness({ mcp });
  const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-transport-')), MCPAUTH_BROWSER: CONSENT_BROWSER };
  const login = await runMcpauth(['login', harness.mcpUrl], env);
  expect(login.code, login.err).toBe(0);
  expect(login.out).toMatch(mcp.sessions ? /4 tools/ : /3 tools/);
  return { env, url: harness.mcpUrl, harness };
}

const SESSIONS: Array<[string, McpServerKnobs]> = [
  ['sessions with priming events', { sessions: true }],
  ['streams closed after priming', { sessions: true, closeAfterPrimingMs: 30 }],
];

describe.each<[string, McpServerKnobs]>([['JSON answers', { responses: 'json' }], ['SSE answers (stateless)', { responses: 'sse' }], ...SESSIONS])('call against %s', (_name, knobs) => {
  it('lists tools and calls them with and without arguments', async () => {
    const { env, url } = await loggedIn(knobs);
    const list = await runMcpauth(['call', url], env);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^echo\s+Echoes the text back/m);
    const echo = await runMcpauth(['call', url, 'echo', '--args', '{"text":"hello"}', '--json', '--verbose'], env);
    expect(echo.code, echo.err).toBe(0);
    expect(JSON.parse(echo.out)).toEqual({ content: [{ type: 'text', text: 'hello' }] });
    // The log notification before the response reaches the user only where the server can stream it.
    expect(echo.err.includes('mcp notifications/message {"level":"info","data":"echoing 5 characters"}')).toBe(knobs.responses !== 'json');
    const whoami = await runMcpauth(['call', url, 'whoami'], env);
    expect(whoami.code, whoami.err).toBe(0);
    expect(JSON.parse(whoami.out)).toMatchObject({ authenticated: true, scopes: ['mcp:tools'] });
  });
});

// A stateless server cannot receive the answer to its own request (it goes to a fresh server), so
// server-to-client requests are tested where they can work: in a session.
describe.each(SESSIONS)('server-to-client requests, %s', (_name, knobs) => {
  it('answers ping and declines elicitation, sampling and roots, saying what was asked', async () => {
    const { env, url } = await loggedIn(knobs);
    const ask = await runMcpauth(['call', url, 'ask-client'], env);
    expect(ask.code, ask.err).toBe(0);
    expect(ask.out).toContain('ping: answered {}');
    expect(ask.out).toMatch(/elicitation: refused \(.*mcpauth does not serve elicitation\/create/);
    expect(ask.out).toMatch(/sampling: refused/);
    expect(ask.out).toMatch(/roots: refused/);
    expect(ask.err).toContain('The server asked for user input: "What is your name?" (elicitation/create); mcpauth cannot answer that and declined it.');
    expect(ask.err).toContain('(sampling/createMessage)');
    expect(ask.err).toContain('(roots/list)');
  });
});

describe('call and sessions', () => {
  it('re-initializes once when the server forgot the session, and retries the request', async () => {
    const { env, url } = await loggedIn({ sessions: true, expireSessionOn: 'tools/call' });
    const result = await runMcpauth(['call', url, 'echo', '--args', '{"text":"again"}', '--verbose'], env);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toBe('again\n');
    expect(result.err).toMatch(/\(mcp tools\/call\) -> 404[\s\S]*\(mcp initialize\) -> 200[\s\S]*\(mcp tools\/call\) -> 200/);
  });
});
