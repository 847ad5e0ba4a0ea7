import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { runCodeFlow, startHarness, type Harness } from '../harness/index.js';
import { createTestDeps, type TestDepsOptions } from '../helpers/test-deps.js';
import { storeTokenForTest } from './token-store-fixture.js';

async function run(argv: string[], options: TestDepsOptions = {}) {
  const deps = createTestDeps(options);
  const code = await runCli(argv, deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

describe('mcpauth scopes', () => {
  let h: Harness;
  let toolsEnv: Record<string, string>;
  const normalize = (text: string) => text.replaceAll(h.mcpUrl, 'http://MCP/mcp').replaceAll(h.issuer, 'http://AS');
  beforeAll(async () => {
    h = await startHarness();
    const { tokens } = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl, scope: 'mcp:tools' });
    toolsEnv = await storeTokenForTest(h.as, h.mcpUrl, tokens.access_token);
  });
  afterAll(async () => h.close());

  it("reads the guarded tool's 403 and prints the fix (piped)", async () => {
    const { code, out } = await run(['scopes', h.mcpUrl, '--yes', '--tool', 'admin-reset'], { env: toolsEnv });
    expect(code).toBe(1);
    expect(normalize(out)).toMatchInlineSnapshot(`
      "Scopes for http://MCP/mcp

        scope           401     PRM     AS      held    needed
        mcp:tools       ✓       ✓       ·       ✓       ✓
        mcp:admin       ·       ✓       ·       ·       ✓       ← missing
        openid          ·       ·       ✓       ·       ·
        offline_access  ·       ·       ✓       ·       ·

        held from    the stored token's scope claim
        tool         admin-reset: HTTP 403 insufficient_scope, scope="mcp:tools mcp:admin" (admin-reset needs mcp:admin)

      Fix (missing: mcp:admin)
        $ mcpauth call http://MCP/mcp admin-reset --step-up
        or $ mcpauth login http://MCP/mcp --scope 'mcp:tools mcp:admin'

      Findings: 1 error, 0 warnings, 0 info
        ✗ error   scope-missing
            The credential lacks "mcp:admin", needed by the tool's 403 challenge.
            fix: Run the command shown under "Fix".
      "
    `);
  });

  it('prints the same report as JSON', async () => {
    const { code, out } = await run(['--json', 'scopes', h.mcpUrl, '--yes', '--tool', 'admin-reset'], { env: toolsEnv });
    expect(code).toBe(1);
    expect(JSON.parse(normalize(out))).toEqual({
      url: 'http://MCP/mcp',
      offered: { challenge: ['mcp:tools'], prm: ['mcp:tools', 'mcp:admin'], as: ['openid', 'offline_access'] },
      held: { source: 'token-claim', scopes: ['mcp:tools'] },
      needed: {
        scopes: ['mcp:tools', 'mcp:admin'],
        source: 'tool',
        tool: { tool: 'admin-reset', outcome: 'insufficient-scope', status: 403, scopes: ['mcp:tools', 'mcp:admin'], description: 'admin-reset needs mcp:admin' },
      },
      missing: ['mcp:admin'],
      fixes: ['mcpauth call http://MCP/mcp admin-reset --step-up', "mcpauth login http://MCP/mcp --scope 'mcp:tools mcp:admin'"],
      notes: [],
      findings: [{ id: 'scope-missing', severity: 'error', message: `The credential lacks "mcp:admin", needed by the tool's 403 challenge.` }],
    });
  });

  it('colours the report on a terminal', async () => {
    const { out } = await run(['scopes', h.mcpUrl, '--yes', '--tool', 'admin-reset'], { env: toolsEnv, tty: true });
    expect(out).toContain('\u001b[');
    expect(out).toContain('← missing');
  });

  it('a tool call that succeeds leaves the tool\'s needs unknown: no advice to drop a held scope', async () => {
    const { tokens } = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl, scope: 'mcp:tools mcp:admin' });
    const env = await storeTokenForTest(h.as, h.mcpUrl, tokens.access_token, 'harness-public', 'mcp:tools mcp:admin');
    const { code, out } = await run(['--json', 'scopes', h.mcpUrl, '--yes', '--tool', 'echo'], { env });
    expect(code).toBe(0);
    const report = JSON.parse(out) as { needed: { source: string; tool: { outcome: string } }; findings: Array<{ id: string; message: string }>; missing: string[] };
    expect(report.needed).toMatchObject({ source: 'unknown', scopes: [], tool: { outcome: 'authorized' } });
    expect(report.missing).toEqual([]);
    expect(report.findings.map((f) => f.id)).toEqual(['scope-tool-unchecked']);
    expect(report.findings[0]?.message).toMatch(/^echo ran with the held scopes \(mcp:tools mcp:admin\).*no scope is advised to drop\.$/);
  });

  it('asks before calling the tool; without a terminal it names --yes (exit 2) and calls nothing', async () => {
    const { code, out, err } = await run(['--json', 'scopes', h.mcpUrl, '--tool', 'echo'], {});
    expect(code).toBe(2);
    expect(err).toContain('--yes');
    expect(JSON.parse(out)).toMatchObject({ error: { code: 'usage', exitCode: 2 } });
  });

  it('without a credential, says so and how to log in', async () => {
    const { tmpdir } = await import('node:os');
    const { mkdtemp } = await import('node:fs/promises');
    const env = { MCPAUTH_HOME: await mkdtemp(`${tmpdir()}/mcpauth-empty-`), MCPAUTH_NO_KEYCHAIN: '1' };
    const { code, out } = await run(['--json', 'scopes', h.mcpUrl], { env });
    expect(code).toBe(0);
    expect(JSON.parse(normalize(out))).toMatchObject({
      held: { source: 'none', scopes: [] },
      fixes: ['mcpauth login http://MCP/mcp --scope mcp:tools'],
      findings: [{ id: 'scope-no-credential', severity: 'info' }],
    });
  });

  it('with --tool but no credential, says the tool was called without a token', async () => {
    const { tmpdir } = await import('node:os');
    const { mkdtemp } = await import('node:fs/promises');
    const env = { MCPAUTH_HOME: await mkdtemp(`${tmpdir()}/mcpauth-empty-`), MCPAUTH_NO_KEYCHAIN: '1' };
    const { code, out } = await run(['--json', 'scopes', h.mcpUrl, '--yes', '--tool', 'admin-reset'], { env });
    expect(code).toBe(0);
    expect((JSON.parse(out) as { findings: unknown[] }).findings).toEqual([
      { id: 'scope-no-credential', severity: 'info', message: 'No credential is stored for this server, so there is nothing to compare.' },
      { id: 'scope-tool-unchecked', severity: 'info', message: 'admin-reset was called without a token (nothing is stored), so the server only answered 401.' },
    ]);
  });
});

describe('mcpauth scopes against a server advertising broad scopes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mcp: { prm: { scopesSupported: ['mcp:tools', 'files:*', 'offline_access'] }, challenge: { scope: 'mcp:tools all' } } });
  });
  afterAll(async () => h.close());

  it('flags the wildcard, "all" and offline_access', async () => {
    const { tmpdir } = await import('node:os');
    const { mkdtemp } = await import('node:fs/promises');
    const env = { MCPAUTH_HOME: await mkdtemp(`${tmpdir()}/mcpauth-empty-`), MCPAUTH_NO_KEYCHAIN: '1' };
    const { out } = await run(['--json', 'scopes', h.mcpUrl], { env });
    const ids = (JSON.parse(out) as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids).toEqual(['scope-all', 'scope-wildcard', 'scope-offline-access-advertised', 'scope-no-credential']);
  });
});
