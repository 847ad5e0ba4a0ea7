import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMcpauth } from '../commands/login-helpers.js';
import { startSdkExampleServer, type SdkExampleServer } from './sdk-example-server.js';

// The interop matrix: every command against the official TS SDK example server in its default
// configuration (SSE answers with priming events, sessions, the elicitation tool, its demo AS with
// in-memory DCR, auto-approval, opaque tokens, no refresh tokens, no revocation, 500 for bad tokens).

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The demo AS approves at once: GET the authorization URL, then GET the loopback Location. */
const REDIRECT_BROWSER = `${process.execPath} ${ROOT}test/conformance/fetch-browser.mjs`;

describe.each([[['--oauth']], [['--oauth', '--oauth-strict']]])('the SDK example server %j', (args) => {
  let server: SdkExampleServer;
  let env: Record<string, string>;
  const mcpauth = (argv: string[]) => runMcpauth(argv, env);

  beforeAll(async () => {
    server = await startSdkExampleServer(args);
    env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-interop-')), MCPAUTH_BROWSER: REDIRECT_BROWSER };
  });
  afterAll(async () => server?.close());

  it('probe reads the set-up and reports the 500 for an invalid token', async () => {
    const run = await mcpauth(['probe', server.url, '--json']);
    expect(run.code, run.err).toBe(1);
    const report = JSON.parse(run.out) as { findings: Array<{ id: string }> };
    expect(report.findings.map((f) => f.id)).toContain('server-invalid-token-status');
    expect(report.findings.map((f) => f.id)).not.toContain('prm-not-found');
  });

  it('probe --compat calls the 500-for-invalid-token degraded, not fatal', async () => {
    const run = await mcpauth(['probe', server.url, '--compat', '--json']);
    const rows = (JSON.parse(run.out) as { compat: Array<{ client: string; verdict: string; reason: string }> }).compat;
    const lenient = rows.find((r) => r.client.startsWith('2025-11-25 lenient'));
    expect(lenient).toMatchObject({ verdict: 'degraded' });
    expect(lenient?.reason).toContain('server-invalid-token-status (first login works');
    expect(rows.find((r) => r.client.startsWith('2025-06-18'))?.verdict).toBe('degraded');
  });

  it('login registers with DCR, follows the auto-approval and proves the token over SSE', async () => {
    const run = await mcpauth(['login', server.url, '--json']);
    expect(run.code, run.err).toBe(0);
    const body = JSON.parse(run.out) as Record<string, unknown>;
    expect(body).toMatchObject({ server: server.url, registration: 'dcr', flow: 'code' });
    expect(body.tools).toBeGreaterThan(0);
  });

  it('call lists the tools and calls them with and without arguments', async () => {
    const list = await mcpauth(['call', server.url]);
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/^greet\s+A simple greeting tool/m);
    const greet = await mcpauth(['call', server.url, 'greet', '--args', '{"name":"interop"}']);
    expect(greet.code, greet.err).toBe(0);
    expect(greet.out).toBe('Hello, interop!\n');
    const files = await mcpauth(['call', server.url, 'list-files', '--json']);
    expect(files.code, files.err).toBe(0);
    expect((JSON.parse(files.out) as { content: Array<{ type: string }> }).content.map((c) => c.type)).toContain('resource_link');
  });

  it('call follows the revision the server negotiates, older ones included', async () => {
    for (const version of ['2025-03-26', '2025-06-18', '2025-11-25']) {
      const run = await mcpauth(['call', server.url, 'greet', '--args', `{"name":"${version}"}`, '--protocol-version', version, '--verbose']);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toBe(`Hello, ${version}!\n`);
    }
  });

  it('speaking 2026-07-28, call, scopes --tool and login fall back to initialize, visibly only with --verbose', async () => {
    const modern = ['--protocol-version', '2026-07-28'];
    const quiet = await mcpauth(['call', server.url, 'greet', '--args', '{"name":"modern"}', ...modern]);
    expect(quiet.code, quiet.err).toBe(0);
    expect(quiet.out).toBe('Hello, modern!\n');
    expect(quiet.err).not.toContain('server/discover');
    const verbose = await mcpauth(['call', server.url, 'greet', '--args', '{"name":"modern"}', ...modern, '--verbose']);
    expect(verbose.out).toBe('Hello, modern!\n');
    expect(verbose.err).toContain('mcp server/discover (2026-07-28) was answered HTTP 400: JSON-RPC error -32000');
    expect(verbose.err).toContain('falling back to initialize with 2025-11-25');
    const tool = await mcpauth(['scopes', server.url, '--tool', 'greet', '--yes', ...modern]);
    expect(tool.code, tool.err).toBe(0);
    expect(tool.out).toContain('greet: the call passed authorization');
    const login = await mcpauth(['login', server.url, '--json', ...modern]);
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(login.out)).toMatchObject({ protocolVersion: '2025-11-25', protocolFallback: { from: '2026-07-28', to: '2025-11-25', reason: expect.stringContaining('HTTP 400') } });
  });

  it('call declines the elicitation the collect-user-info tool sends, and says what it asked', async () => {
    const run = await mcpauth(['call', server.url, 'collect-user-info', '--args', '{"infoType":"contact"}']);
    expect(run.err).toContain('The server asked for user input: "Please provide your contact information" (elicitation/create)');
    expect(run.out).toContain('mcpauth does not serve elicitation/create');
  });

  it('scopes, with and without --tool', async () => {
    const plain = await mcpauth(['scopes', server.url, '--json']);
    expect(plain.code, plain.err).toBe(0);
    const tool = await mcpauth(['scopes', server.url, '--tool', 'greet', '--yes']);
    expect(tool.code, tool.err).toBe(0);
    expect(tool.out).toContain('greet: the call passed authorization');
  });

  it('token inspect, status and rotate describe the opaque token without a refresh token', async () => {
    const inspect = await mcpauth(['token', 'inspect', '--server', server.url]);
    expect(inspect.code, inspect.err).toBe(0);
    expect(inspect.out).toContain('(opaque)');
    const status = await mcpauth(['status', '--json']);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain(server.url);
    const rotate = await mcpauth(['rotate', server.url]);
    expect(rotate.code).toBe(4);
    expect(rotate.out + rotate.err).toContain('no refresh token is stored');
  });

  it('after the AS restarts and forgets everything, call says to log in and login re-registers by itself', async () => {
    await server.restart();
    const call = await mcpauth(['call', server.url]);
    // The exit code for "log in again" without a terminal is issue #14's (one code everywhere).
    expect(call.code).not.toBe(0);
    expect(call.err).toContain('it could not validate the token');
    expect(call.err).toMatch(/--step-up|mcpauth login/);
    const login = await mcpauth(['login', server.url]);
    expect(login.code, login.err).toBe(0);
    expect(login.err.match(/registering a new client/g)).toHaveLength(1);
    expect(login.err).toContain('invalid_client');
    const again = await mcpauth(['call', server.url, 'greet', '--args', '{"name":"back"}']);
    expect(again.out).toBe('Hello, back!\n');
  });

  it('call --step-up recovers from the restart on its own', async () => {
    await server.restart();
    const call = await mcpauth(['call', server.url, 'greet', '--args', '{"name":"alone"}', '--step-up']);
    expect(call.code, call.err).toBe(0);
    expect(call.out).toBe('Hello, alone!\n');
    expect(call.err.match(/registering a new client/g)).toHaveLength(1);
  });

  it('logout deletes the credential (the demo AS has no revocation endpoint)', async () => {
    const run = await mcpauth(['logout', server.url]);
    expect(run.code, run.err).toBe(0);
    const status = await mcpauth(['status', '--json']);
    expect(status.out).not.toContain(server.url);
  });
});
