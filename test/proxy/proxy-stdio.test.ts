import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProxyHeader } from '../../src/core/proxy/proxy-headers.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { BIN, freshHome, runBin } from './proxy-client.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Raw newline-delimited JSON-RPC over the proxy's stdio, as a host writes it. */
function exchange(args: string[], env: Record<string, string>, lines: Array<object | string>, expectAnswers: number): Promise<{ out: string[]; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').filter((line) => line.trim() !== '').length >= expectAnswers) child.stdin.end();
    });
    child.on('error', reject);
    child.on('close', () => resolve({ out: out.split('\n').filter((line) => line.trim() !== ''), err }));
    for (const line of lines) child.stdin.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  });
}

describe('mcpauth proxy on stdio', () => {
  it('stdout carries only JSON-RPC answers (even with --verbose); the trace goes to stderr, the token never', async () => {
    harness = await startHarness();
    const env = freshHome();
    const input = await obtainCredentialInput(harness);
    await (await openCredentialStore({ env, now: () => new Date() })).save(input);
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
    const { out, err } = await exchange(['proxy', harness.mcpUrl, '--verbose', '--header', 'X-Tenant: ${TENANT}'], { ...env, TENANT: 'acme' }, [
      initialize,
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 'two', method: 'tools/list' },
      'not json',
    ], 3);
    const messages = out.map((line) => JSON.parse(line) as { id: unknown; result?: { tools?: unknown[] }; error?: { code: number } });
    expect(messages.map((message) => message.id).sort()).toEqual([1, null, 'two'].sort());
    expect(messages.find((message) => message.id === 'two')?.result?.tools?.length).toBeGreaterThan(0);
    expect(messages.find((message) => message.id === null)?.error?.code).toBe(-32700);
    expect(err).toMatch(/http POST http:\/\/127\.0\.0\.1:\d+\/mcp \(proxy tools\/list\)/);
    expect(err).toContain('x-tenant: acme');
    expect(err).not.toContain(input.secrets.accessToken);
  });

  it('refuses --header Authorization and a missing variable, with exit 2', async () => {
    const auth = await runBin(['proxy', 'https://mcp.example.com/mcp', '--header', 'Authorization: Bearer abc'], freshHome());
    expect(auth.code).toBe(2);
    expect(auth.err).toContain('--header Authorization is set by the proxy itself');
    const missing = await runBin(['proxy', 'https://mcp.example.com/mcp', '--header', 'X-Key: ${NOPE_NOT_SET}'], freshHome());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('uses ${NOPE_NOT_SET}, which is not set in the environment');
  });

  it('expands ${VAR} in headers and warns about a literal secret on argv', () => {
    expect(parseProxyHeader('X-Tenant: ${TENANT}-eu', { TENANT: 'acme' })).toEqual({ ok: true, name: 'X-Tenant', value: 'acme-eu' });
    const literal = parseProxyHeader('X-Api-Key: sk_live_1234567890', {});
    expect(literal).toMatchObject({ ok: true, value: 'sk_live_1234567890' });
    expect(literal.ok && literal.warning).toContain('literal value on the command line');
    expect(parseProxyHeader('X-Api-Key: ${KEY}', { KEY: 'sk_live_1234567890' })).not.toHaveProperty('warning');
    expect(parseProxyHeader('X-Evil: ${V}', { V: 'a\r\nInjected: 1' })).toMatchObject({ ok: false });
    expect(parseProxyHeader('no colon here', {})).toMatchObject({ ok: false });
  });
});
