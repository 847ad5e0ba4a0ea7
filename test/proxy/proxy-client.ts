import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Needs dist/ (npm test builds first; by hand: npm run build).
export const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
export { CONSENT_BROWSER } from '../commands/login-helpers.js';

export interface ProxyClient {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** A fresh MCPAUTH_HOME with the file secret backend (no keychain in tests). */
export function freshHome(): Record<string, string> {
  return { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-proxy-')), MCPAUTH_NO_KEYCHAIN: '1' };
}

/** The official SDK's stdio Client, spawning `command args` as a real MCP host would. */
export async function connectStdio(command: string, args: string[], env: Record<string, string>, capabilities: Record<string, unknown> = {}): Promise<ProxyClient> {
  const started = startStdio(command, args, env, capabilities);
  await started.connected;
  return started;
}

/** The same, without waiting: `connected` rejects when initialize fails (the proxy answered an error). */
export function startStdio(command: string, args: string[], env: Record<string, string>, capabilities: Record<string, unknown> = {}): ProxyClient & { connected: Promise<void> } {
  const transport = new StdioClientTransport({ command, args, env: { ...inheritedEnv(), ...env }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const client = new Client({ name: 'proxy-test', version: '1.0.0' }, { capabilities });
  return { client, stderr: () => stderr, close: () => client.close(), connected: client.connect(transport) };
}

export function proxyArgs(url: string, extra: string[] = []): string[] {
  return [BIN, 'proxy', url, ...extra];
}

function inheritedEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP'];
  return Object.fromEntries(keep.flatMap((key) => (process.env[key] === undefined ? [] : [[key, process.env[key] as string]])));
}

/** Runs the built CLI without blocking the event loop (the servers under test live in this process). */
export function runBin(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
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
