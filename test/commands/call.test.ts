import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function loggedIn(): Promise<{ env: Record<string, string>; url: string }> {
  harness = await startHarness();
  const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-call-')), MCPAUTH_BROWSER: CONSENT_BROWSER };
  const login = await runMcpauth(['login', harness.mcpUrl], env);
  expect(login.code, login.err).toBe(0);
  return { env, url: harness.mcpUrl };
}

describe('call', () => {
  it('lists the tools and calls one with the stored credential', async () => {
    const { env, url } = await loggedIn();
    const list = await runMcpauth(['call', url], env);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^echo\s+Echoes the text back/m);
    const echo = await runMcpauth(['call', url, 'echo', '--args', '{"text":"hello"}', '--json'], env);
    expect(echo.code, echo.err).toBe(0);
    expect(JSON.parse(echo.out)).toEqual({ content: [{ type: 'text', text: 'hello' }] });
  });

  it('takes gh-style -f key=value (string) and -F key=value (JSON when it parses), over --args', async () => {
    const { env, url } = await loggedIn();
    const echo = await runMcpauth(['call', url, 'echo', '--args', '{"text":"from args"}', '-f', 'text=a=b', '--json'], env);
    expect(echo.code, echo.err).toBe(0);
    expect(JSON.parse(echo.out)).toEqual({ content: [{ type: 'text', text: 'a=b' }] });
    const bad = await runMcpauth(['call', url, 'echo', '-f', 'novalue'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/-f novalue: expected key=value/);
  });

  it('an unknown tool is a usage error (exit 2) that lists the tools, not the server\'s raw error', async () => {
    const { env, url } = await loggedIn();
    const run = await runMcpauth(['call', url, 'ecko', '--json'], env);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/has no tool 'ecko'; its tools: .*echo/);
    expect(JSON.parse(run.out)).toMatchObject({ error: { code: 'usage', exitCode: 2 } });
  });

  it('steps up on 403 insufficient_scope with the union of granted and required scopes', async () => {
    const { env, url } = await loggedIn();
    const run = await runMcpauth(['call', url, 'admin-reset', '--step-up'], env);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe('reset done\n');
    expect(run.err).toContain('The server needs scope mcp:tools mcp:admin');
    const authorizeUrl = /Open this URL to log in:\n\s+(\S+)/.exec(run.err)?.[1] ?? '';
    expect(new URL(authorizeUrl).searchParams.get('scope')?.split(' ').sort()).toEqual(['mcp:admin', 'mcp:tools']);
  });

  it('without --step-up and without a terminal: log in again (exit 4), naming the login and the flag instead of waiting', async () => {
    const { env, url } = await loggedIn();
    const run = await runMcpauth(['call', url, 'admin-reset'], env);
    expect(run.code).toBe(4);
    expect(run.err).toContain(`mcpauth login ${url} --scope`);
    expect(run.err).toContain('--step-up');
  });

  it('says to log in when nothing is stored', async () => {
    harness = await startHarness();
    const run = await runMcpauth(['call', harness.mcpUrl], { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-call-')) });
    expect(run.code).toBe(4);
    expect(run.err).toContain(`Run mcpauth login ${harness.mcpUrl} first`);
  });
});
