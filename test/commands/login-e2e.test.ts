import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER } from './login-helpers.js';

// Needs dist/ (npm test builds first; by hand: flock /tmp/mcpauth-build.lock npm run build).
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));

function mcpauth(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

describe('the built CLI, end to end', () => {
  it('login spawns the --browser program with the URL as its last argument, then call uses the stored credential', async () => {
    harness = await startHarness();
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-e2e-')), MCPAUTH_NO_KEYCHAIN: '1' };
    const login = await mcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER], env);
    expect(login.code, login.err).toBe(0);
    expect(login.out).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+\/mcp as alice/);
    expect(login.out).toMatch(/verified\s+mcpauth-harness, initialize \+ tools\/list: 3 tools/);
    const call = await mcpauth(['call', harness.mcpUrl, 'whoami', '--json'], env);
    expect(call.code, call.err).toBe(0);
    const text = (JSON.parse(call.out) as { content: Array<{ text: string }> }).content[0]?.text ?? '';
    expect(JSON.parse(text)).toMatchObject({ authenticated: true, sub: 'alice', aud: harness.mcpUrl });
  });
});
