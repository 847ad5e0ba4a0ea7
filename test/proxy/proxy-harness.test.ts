import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { connectStdio, runBin, CONSENT_BROWSER, freshHome, proxyArgs, type ProxyClient } from './proxy-client.js';

let harness: Harness | undefined;
let proxy: ProxyClient | undefined;
afterEach(async () => {
  await proxy?.close();
  await harness?.close();
  proxy = undefined;
  harness = undefined;
});

describe('mcpauth proxy with the SDK stdio Client (oidc-provider harness)', () => {
  it('logs in through the --browser program on the first 401, then lists and calls tools', async () => {
    harness = await startHarness();
    proxy = await connectStdio(process.execPath, proxyArgs(harness.mcpUrl, ['--browser', CONSENT_BROWSER]), freshHome());
    const tools = await proxy.client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain('whoami');
    const result = await proxy.client.callTool({ name: 'whoami', arguments: {} });
    const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
    expect(JSON.parse(text)).toMatchObject({ authenticated: true, sub: 'alice', aud: harness.mcpUrl });
    expect(proxy.stderr()).toMatch(/needs a login/);
  });
});

describe('done when: setup claude-desktop, then the client runs the written command', () => {
  it('from a fresh MCPAUTH_HOME, setup --write logs in once (--browser) and the SDK client spawning the entry lists the tools', async () => {
    harness = await startHarness();
    const home = freshHome();
    const env = { ...home, HOME: mkdtempSync(join(tmpdir(), 'mcpauth-home-')) };
    const run = await runBin(['setup', 'claude-desktop', harness.mcpUrl, '--write', '--name', 'demo', '--browser', CONSENT_BROWSER], env);
    expect(run.code, run.err).toBe(0);
    expect(run.out, run.err).toContain('Logged in; the credential is stored for the proxy.');
    const config = JSON.parse(readFileSync(join(env.HOME, '.config', 'Claude', 'claude_desktop_config.json'), 'utf8')) as { mcpServers: Record<string, { command: string; args: string[] }> };
    const entry = config.mcpServers.demo!;
    expect(entry.args.slice(-2)).toEqual(['proxy', harness.mcpUrl]);
    // The client starts the command with its own environment: no --browser, so a second login would hang.
    proxy = await connectStdio(entry.command, entry.args, home);
    const tools = await proxy.client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain('whoami');
    expect(proxy.stderr()).not.toMatch(/needs a login/);
  });
});
