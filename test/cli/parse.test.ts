import { describe, expect, it } from 'vitest';
import { runCli, type CommandRuns } from '../../src/cli.js';
import { createTestDeps } from '../helpers/test-deps.js';

/** Runs argv with every command's run replaced by a recorder; returns what the command received. */
async function parse(argv: string[]): Promise<{ code: number; name?: string; options?: unknown; globals?: unknown; err: string }> {
  const deps = createTestDeps();
  let seen: { name: string; options: unknown; globals: unknown } | undefined;
  const recorder = (name: string) => async (options: unknown, runtime: { globals: unknown }) => {
    seen = { name, options, globals: runtime.globals };
    return 0;
  };
  const names = ['probe', 'login', 'logout', 'status', 'call', 'tokenInspect', 'tokenPrint', 'scopes', 'rotate', 'auditConfig'] as const;
  const runs = Object.fromEntries(names.map((name) => [name, recorder(name)])) as CommandRuns;
  const code = await runCli(argv, deps, runs);
  return { code, ...seen, err: deps.io.err() };
}

const URL = 'https://mcp.example.com/mcp';

describe('argv -> options', () => {
  it('probe', async () => {
    const result = await parse(['probe', URL, '--spec', '2026-07-28', '--token', '-', '--active', '--compat', '--fail-on', 'warning', '--ca-file', 'ca.pem']);
    expect(result).toMatchObject({ code: 0, name: 'probe' });
    expect(result.options).toEqual({
      url: URL, spec: '2026-07-28', token: '-', stored: false, active: true, compat: true,
      failOn: 'warning', listFindings: false, caFile: 'ca.pem',
    });
  });

  it('probe defaults', async () => {
    const result = await parse(['probe', URL]);
    expect(result.options).toMatchObject({ spec: '2025-11-25', failOn: 'error', active: false });
    expect((result.options as { token?: string }).token).toBeUndefined();
  });

  it('login', async () => {
    const result = await parse(['login', URL, '--client-id', 'app', '--client-secret-env', 'SECRET', '--scope', 'a b', '--port', '8123', '--no-browser', '--device', '--assume-pkce-s256']);
    expect(result.name).toBe('login');
    expect(result.options).toMatchObject({
      url: URL, clientId: 'app', clientSecretEnv: 'SECRET', scope: 'a b', port: 8123, browser: false, device: true, assumePkceS256: true,
    });
  });

  it('login --browser <program>', async () => {
    const result = await parse(['login', URL, '--browser', '/usr/bin/true']);
    expect(result.options).toMatchObject({ browser: '/usr/bin/true', port: 0 });
  });

  it('logout, status, call, token inspect, token print, scopes', async () => {
    expect((await parse(['logout', '--all'])).options).toEqual({ url: undefined, all: true, keepClient: false, yes: false });
    expect((await parse(['status', URL])).options).toEqual({ url: URL });
    expect((await parse(['call', URL, 'echo', '--args', '{"text":"hi"}', '--step-up'])).options).toEqual({
      url: URL, tool: 'echo', args: '{"text":"hi"}', stepUp: true, field: [], typedField: [],
    });
    expect((await parse(['call', URL, 'echo', '-f', 'text=hi', '-f', 'b=c=d', '-F', 'n=3'])).options).toMatchObject({ field: ['text=hi', 'b=c=d'], typedField: ['n=3'] });
    expect((await parse(['token', 'inspect', '-', '--server', URL, '--need', 'mcp:admin'])).options).toMatchObject({
      token: '-', server: URL, need: 'mcp:admin',
    });
    expect((await parse(['token', 'print', URL])).options).toEqual({ url: URL });
    expect((await parse(['scopes', URL, '--tool', 'admin-reset'])).options).toEqual({ url: URL, tool: 'admin-reset', yes: false });
  });

  it('rotate', async () => {
    const result = await parse(['rotate', '--all', '--if-expiring-within', '10m']);
    expect(result.options).toMatchObject({ all: true, ifExpiringWithin: 600, to: 'env', write: false });
    expect((await parse(['rotate', '--config', '.mcp.json', '--to', 'print', '--write'])).options).toMatchObject({
      config: '.mcp.json', to: 'print', write: true,
    });
  });

  it('audit-config', async () => {
    expect((await parse(['audit-config'])).options).toMatchObject({ paths: ['.'], gitignore: true, failOn: 'error' });
    const result = await parse(['audit-config', 'a', 'b', '--staged', '--no-gitignore', '--format', 'sarif', '--fail-on', 'info']);
    expect(result.options).toMatchObject({ paths: ['a', 'b'], staged: true, gitignore: false, format: 'sarif', failOn: 'info' });
  });

  it('global options reach every command, before or after it', async () => {
    const result = await parse(['--json', 'status', '--timeout', '2.5', '--no-color', '--no-input', '--verbose', '--allow-http', '--allow-private']);
    expect(result.globals).toEqual({ json: true, color: false, verbose: true, timeoutMs: 2500, input: false, allowHttp: true, allowPrivate: true, targets: [] });
    expect((await parse(['status'])).globals).toEqual({ json: false, color: true, verbose: false, timeoutMs: 10_000, input: true, allowHttp: false, allowPrivate: false, targets: [] });
    // The URLs the user typed are their own targets (the address rule trusts their networks).
    expect(((await parse(['status', 'https://mcp.example.com/mcp'])).globals as { targets?: string[] }).targets).toEqual(['https://mcp.example.com/mcp']);
  });
});

describe('bad input is a usage error (exit 2) with one clear line and a hint', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['probe', URL, '--bogus'], /unknown option '--bogus'/],
    [['probe', 'not a url'], /expected an http\(s\) URL/],
    [['probe', 'javascript:alert(1)'], /expected an http\(s\) URL/],
    [['probe', URL, '--fail-on', 'fatal'], /expected one of error, warning, info/],
    [['login'], /missing required argument 'url'/],
    [['login', URL, '--port', '70000'], /expected a port from 0 to 65535/],
    [['rotate', '--if-expiring-within', 'soon'], /expected a duration/],
    [['--timeout', '0', 'status'], /expected a number of seconds greater than 0 and at most 3600/],
    [['--timeout', '99999999999999', 'status'], /at most 3600/],
    [['completion', 'powershell'], /expected one of bash, zsh, fish/],
  ])('%j', async (argv, message) => {
    const result = await parse(argv);
    expect(result.code).toBe(2);
    expect(result.name).toBeUndefined();
    const lines = result.err.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/^mcpauth: /);
    expect(lines.at(-1)).toMatch(/hint: run 'mcpauth.* --help' for usage/);
  });
});

describe('--json: a parse error is still exactly one JSON document on stdout', () => {
  it.each([
    [['--json', 'frobnicate'], /unknown command 'frobnicate'/],
    [['--json', 'probe', URL, '--bogus'], /unknown option '--bogus'/],
    [['probe', URL, '--fail-on', 'fatal', '--json'], /expected one of error, warning, info/],
    [['--json', 'login'], /missing required argument 'url'/],
    [['--json'], /no command given/],
  ])('%j', async (argv, message) => {
    const deps = createTestDeps();
    expect(await runCli(argv, deps)).toBe(2);
    const envelope = JSON.parse(deps.io.out()) as { error: { code: string; exitCode: number; message: string; hint: string } };
    expect(envelope.error).toMatchObject({ code: 'usage', exitCode: 2 });
    expect(envelope.error.message).toMatch(message);
    expect(envelope.error.hint).toMatch(/--help/);
  });

  it('without --json stdout stays empty', async () => {
    const deps = createTestDeps();
    expect(await runCli(['frobnicate'], deps)).toBe(2);
    expect(deps.io.out()).toBe('');
  });
});
