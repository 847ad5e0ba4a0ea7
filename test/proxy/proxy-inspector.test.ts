import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { BIN, freshHome } from './proxy-client.js';

// A second, unrelated MCP client: the MCP Inspector's CLI (@modelcontextprotocol/inspector-cli 1.0.3,
// a devDependency). Its index.js looks for `../package.json` relative to the working directory but
// imports it relative to itself, so it runs from its own build folder. It starts stdio servers with the
// SDK's default environment only (no MCPAUTH_HOME), so the target goes through `env`.
const INSPECTOR = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli/build/index.js');

function inspector(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [INSPECTOR, ...args], { cwd: dirname(INSPECTOR), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out, err }));
  });
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('mcpauth proxy driven by the MCP Inspector CLI', () => {
  it('lists the tools and calls one through the proxy with the stored credential', async () => {
    harness = await startHarness({ mcp: { sessions: true, responses: 'sse' } });
    const env = freshHome();
    await (await openCredentialStore({ env, now: () => new Date() })).save(await obtainCredentialInput(harness));
    const target = ['env', `MCPAUTH_HOME=${env.MCPAUTH_HOME}`, 'MCPAUTH_NO_KEYCHAIN=1', process.execPath, BIN, 'proxy', harness.mcpUrl];
    const list = await inspector([...target, '--method', 'tools/list']);
    expect(list.code, list.err).toBe(0);
    expect((JSON.parse(list.out) as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['echo', 'whoami']));
    const call = await inspector([...target, '--method', 'tools/call', '--tool-name', 'whoami']);
    expect(call.code, call.err).toBe(0);
    const text = (JSON.parse(call.out) as { content: Array<{ text: string }> }).content[0]?.text ?? '';
    expect(JSON.parse(text)).toMatchObject({ authenticated: true, sub: 'alice', aud: harness.mcpUrl });
  });
});
