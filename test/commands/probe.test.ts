import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startHarness, type Harness } from '../harness/index.js';
import { createTestDeps, type TestDepsOptions } from '../helpers/test-deps.js';
import { closedPort } from '../core/probe/hostile-servers.js';

async function run(argv: string[], options: TestDepsOptions = {}) {
  const deps = createTestDeps(options);
  const code = await runCli(argv, deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('mcpauth probe', () => {
  let healthy: Harness;
  let broken: Harness;
  const normalize = (text: string, h: Harness): string =>
    text
      .replaceAll(new URL(h.mcpUrl).origin, 'http://MCP')
      .replaceAll(h.issuer, 'http://AS')
      .replace(/ +\d+ ms/g, ' N ms')
      .replace(/"durationMs": \d+/g, '"durationMs": 0');
  beforeAll(async () => {
    healthy = await startHarness();
    broken = await startHarness({ as: { pkceMethods: null }, mcp: { challenge: { resourceMetadata: false } } });
  });
  afterAll(async () => {
    await healthy.close();
    await broken.close();
  });

  it('prints the numbered trace and no error on the healthy server (piped), exit 0', async () => {
    const { code, out } = await run(['probe', healthy.mcpUrl]);
    expect(code).toBe(0);
    expect(normalize(out, healthy)).toMatchInlineSnapshot(`
      "Probe of http://MCP/mcp (MCP 2025-11-25 wire)

      Trace
        1  POST    401 N ms  http://MCP/mcp
                        challenge: challenge bearer; resource_metadata=http://MCP/.well-known/oauth-protected-resource/mcp; scope="mcp:tools"
        2  GET     200 N ms  http://MCP/.well-known/oauth-protected-resource/mcp
                        header: 200 JSON document
        3  GET     200 N ms  http://MCP/.well-known/oauth-protected-resource/mcp
                        path-inserted: same request as step 2: 200 JSON document (not used: step 2 answered first)
        4  GET     404 N ms  http://MCP/.well-known/oauth-protected-resource
                        root: HTTP 404 (not used: step 2 answered first)
        5  GET     200 N ms  http://AS/.well-known/oauth-authorization-server
                        rfc8414-root: 200 JSON document
        6  GET     200 N ms  http://AS/.well-known/openid-configuration
                        oidc-root: 200 JSON document (not used: step 5 answered first)
        7  POST    401 N ms  http://MCP/mcp
                        invalid-token: challenge bearer; resource_metadata=http://MCP/.well-known/oauth-protected-resource/mcp; scope="mcp:tools"
        8  POST    401 N ms  http://MCP/mcp
                        cors-challenge: challenge bearer; resource_metadata=http://MCP/.well-known/oauth-protected-resource/mcp; scope="mcp:tools"
        9  OPTIONS 204 N ms  http://MCP/mcp
                        cors-preflight: Allow-Origin *; Allow-Headers Authorization, Content-Type, Accept, MCP-Protocol-Version, Mcp-Session-Id, Mcp-Method, Mcp-Name, Last-Event-ID

      Findings: 0 errors, 0 warnings, 1 info

        info    challenge-error-without-token
                seen: The no-token challenge carries error="invalid_token".
                rule: RFC 6750 §3.1 (SHOULD NOT include an error code when no credentials were sent)
                fix:  Leave \`error\` out of the challenge when the request had no token.
      "
    `);
  });

  it('colours the same report on a terminal', async () => {
    const piped = await run(['probe', healthy.mcpUrl]);
    const tty = await run(['probe', healthy.mcpUrl], { tty: true });
    expect(tty.out).toContain('\u001b[');
    expect(normalize(stripAnsi(tty.out), healthy)).toBe(normalize(piped.out, healthy));
  });

  it('explains a misconfigured server: findings by severity with rule and fix, exit 1', async () => {
    const { code, out } = await run(['probe', broken.mcpUrl]);
    expect(code).toBe(1);
    expect(normalize(out.slice(out.indexOf('Findings:')), broken)).toMatchInlineSnapshot(`
      "Findings: 1 error, 1 warning, 1 info

        error   asm-pkce-unadvertised
                seen: http://AS: code_challenge_methods_supported is absent; spec-following clients must refuse this AS.
                rule: MCP 2025-11-25 §Authorization Code Protection (clients MUST refuse); RFC 8414 §2
                fix:  Advertise \`code_challenge_methods_supported: ["S256"]\` (Entra and Cognito omit it; put a proxy or metadata override in front).

        warning challenge-no-resource-metadata
                seen: The Bearer challenge has no resource_metadata; clients must fall back to the well-known URLs (2025-06-18 clients cannot).
                rule: MCP 2025-11-25 §Protected Resource Metadata Discovery Requirements; MCP 2025-06-18 §Authorization Server Location (MUST)
                fix:  Add \`resource_metadata="<absolute PRM URL>"\` to the Bearer challenge (2025-06-18 clients need it).

        info    challenge-error-without-token
                seen: The no-token challenge carries error="invalid_token".
                rule: RFC 6750 §3.1 (SHOULD NOT include an error code when no credentials were sent)
                fix:  Leave \`error\` out of the challenge when the request had no token.
      "
    `);
  });

  it('--json carries { target, steps, findings[{ id, severity, message, spec, fix }] }', async () => {
    const { code, out } = await run(['--json', 'probe', broken.mcpUrl]);
    expect(code).toBe(1);
    const json = JSON.parse(normalize(out, broken)) as Record<string, unknown> & { steps: unknown[]; findings: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(['target', 'wire', 'authorizationServer', 'steps', 'findings', 'summary']);
    expect(json.target).toBe('http://MCP/mcp');
    expect(json.steps[0]).toEqual({
      n: 1, method: 'POST', url: 'http://MCP/mcp', kind: 'challenge', purpose: 'spec', status: 401, durationMs: 0,
      outcome: 'http-status', detail: 'challenge bearer; no resource_metadata; scope="mcp:tools"', redirects: [],
    });
    expect(json.findings.map((f) => Object.keys(f))).toContainEqual(['id', 'severity', 'message', 'spec', 'fix']);
    expect(json.findings.map((f) => `${String(f.severity)}:${String(f.id)}`)).toEqual([
      'error:asm-pkce-unadvertised',
      'warning:challenge-no-resource-metadata',
      'info:challenge-error-without-token',
    ]);
  });

  it('--fail-on decides the exit code', async () => {
    expect((await run(['probe', healthy.mcpUrl, '--fail-on', 'info'])).code).toBe(1);
    expect((await run(['probe', healthy.mcpUrl, '--fail-on', 'warning'])).code).toBe(0);
  });

  it('--compat prints which client generations work', async () => {
    const { out } = await run(['probe', broken.mcpUrl, '--compat']);
    expect(normalize(out.slice(out.indexOf('Client compatibility')), broken)).toMatchInlineSnapshot(`
      "Client compatibility
        2025-03-26 clients                         fails     no AS metadata at the MCP origin (2025-03-26 clients ignore PRM)
        2025-06-18 clients                         fails     asm-pkce-unadvertised, challenge-no-resource-metadata
        2025-11-25 strict (exact resource/issuer)  fails     asm-pkce-unadvertised
        2025-11-25 lenient (TS/Python SDK v1)      degraded  asm-pkce-unadvertised
        2026-07-28 clients                         fails     asm-pkce-unadvertised
        browser-based clients                      fails     asm-pkce-unadvertised
      "
    `);
  });

  it('reads --token from stdin and never prints it', async () => {
    const token = await healthy.as.signAccessToken({ aud: healthy.mcpUrl });
    const { code, out, err } = await run(['--json', 'probe', healthy.mcpUrl, '--token', '-'], { stdin: `${token}\n` });
    expect(code).toBe(0);
    expect(out + err).not.toContain(token);
    expect(out).toContain('"token-accepted"');
  });

  it('exits 3 when the target cannot be reached, still printing the finding', async () => {
    const { code, out } = await run(['probe', `http://127.0.0.1:${await closedPort()}/mcp`]);
    expect(code).toBe(3);
    expect(out).toMatch(/endpoint-unreachable\n.*seen: http:\/\/127\.0\.0\.1:\d+\/mcp: the connection was refused/);
  });

  it('refuses plain http to a remote host before any request: transport-insecure-http, exit 1', async () => {
    const { code, out } = await run(['--json', 'probe', 'http://mcp.example.com/mcp']);
    expect(code).toBe(1);
    const json = JSON.parse(out) as { steps: Array<{ outcome: string; detail: string }>; findings: Array<{ id: string }> };
    expect(json.findings.map((f) => f.id)).toEqual(['transport-insecure-http']);
    expect(json.steps[0]).toMatchObject({ outcome: 'refused', detail: 'refusing plain http to a non-loopback host: mcp.example.com' });
  });

  it('exits 2 without a URL, and lists the catalogue with --list-findings', async () => {
    expect((await run(['probe'])).code).toBe(2);
    const { code, out } = await run(['--json', 'probe', '--list-findings']);
    expect(code).toBe(0);
    const list = JSON.parse(out) as { findings: Array<{ id: string; severity: string }> };
    expect(list.findings.find((f) => f.id === 'prm-resource-near-match')).toMatchObject({ severity: 'warning' });
    expect(list.findings.length).toBeGreaterThanOrEqual(27);
  });
});
