import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { runCodeFlow, startHarness, type Harness } from '../harness/index.js';
import { createTestDeps, type TestDepsOptions } from '../helpers/test-deps.js';
import { storeTokenForTest } from './token-store-fixture.js';

const IAT = 1_900_000_000;
const NOW = new Date((IAT + 120) * 1000);

async function run(argv: string[], options: TestDepsOptions = {}) {
  const deps = createTestDeps({ now: () => NOW, ...options });
  const code = await runCli(argv, deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

describe('mcpauth token inspect', () => {
  let h: Harness;
  let token: string;
  const normalize = (text: string) =>
    text.replaceAll(h.issuer, 'http://AS').replaceAll(h.mcpUrl.replace(/\/mcp$/, ''), 'http://MCP').replace(/\[\d+ chars, #[0-9a-f]{8}\]/g, '[N chars, #HASH]');
  beforeAll(async () => {
    h = await startHarness();
    token = await h.as.signAccessToken({ iat: IAT, exp: IAT + 600, jti: 'jti-1' });
  });
  afterAll(async () => h.close());

  it('shows a token from argv piped, verified against --server, and warns about shell history', async () => {
    const { code, out, err } = await run(['token', 'inspect', token, '--server', h.mcpUrl]);
    expect(code).toBe(0);
    expect(err).toContain('warning: a token on the command line stays in your shell history');
    expect(out).not.toContain(token);
    expect(normalize(out).replace(/kid [^,)]+/, 'kid KID')).toMatchInlineSnapshot(`
      "token      eyJh…[N chars, #HASH]  (JWT, alg ES256, kid KID, typ at+jwt)
      verified   yes: signature verified with the JWKS from http://AS/jwks
      issuer     http://AS
      subject    alice
      client     harness-public
      audience   http://MCP/mcp
      scopes     mcp:tools (scope)
      binding    none (a bearer token: whoever holds it can use it)
      issued     2030-03-17T17:46:40Z (2 min ago)
      expires    2030-03-17T17:56:40Z (in 8 min)

      No findings: nothing here explains a refusal.

      Against the server: expected | in the token
        PRM resource / aud ok       http://MCP/mcp | http://MCP/mcp
        AS issuer / iss    ok       http://AS | http://AS
        needed / scope     ok       mcp:tools | mcp:tools

      Claims
        {
          "iss": "http://AS",
          "aud": "http://MCP/mcp",
          "sub": "alice",
          "client_id": "harness-public",
          "scope": "mcp:tools",
          "iat": 1900000000,
          "exp": 1900000600,
          "jti": "jti-1"
        }
      "
    `);
  });

  it('reads the token from stdin and prints the JSON shape', async () => {
    const { code, out, err } = await run(['--json', 'token', 'inspect', '-', '--server', h.mcpUrl], { stdin: `${token}\n` });
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['token', 'format', 'header', 'claims', 'verified', 'verification', 'findings', 'diagnosis']);
    expect(json.verified).toBe(true);
    expect(json.claims).toEqual({ iss: h.issuer, aud: h.mcpUrl, sub: 'alice', client_id: 'harness-public', scope: 'mcp:tools', iat: IAT, exp: IAT + 600, jti: 'jti-1' });
    expect(json.findings).toEqual([]);
  });

  it('exits 1 with findings in JSON for an expired token', async () => {
    const { code, out } = await run(['--json', 'token', 'inspect', '-', '--server', h.mcpUrl, '--need', 'mcp:admin'], { stdin: token, now: () => new Date((IAT + 7200) * 1000) });
    expect(code).toBe(1);
    expect((JSON.parse(out) as { findings: unknown }).findings).toEqual([
      { id: 'token-expired', severity: 'error', message: 'exp is 2030-03-17T17:56:40Z: the token expired 1 h 50 min ago (clock tolerance 60 s).' },
      { id: 'token-scope-missing', severity: 'error', message: 'Missing "mcp:admin" (needed by --need); the token holds "mcp:tools".' },
    ]);
  });

  it('colours the human output on a terminal', async () => {
    const { code, out } = await run(['token', 'inspect', '-'], { stdin: 'garbage token with spaces', tty: true });
    expect(code).toBe(1);
    expect(out).toContain('\u001b[');
    expect(out).toContain('token-malformed');
  });

  it('inspects the stored token for --server', async () => {
    const env = await storeTokenForTest(h.as, h.mcpUrl, token);
    const { code, out } = await run(['--json', 'token', 'inspect', '--server', h.mcpUrl], { env });
    expect(code).toBe(0);
    expect((JSON.parse(out) as { verified: boolean }).verified).toBe(true);
  });

  it('says how to get a token when none is stored or given', async () => {
    const env = await storeTokenForTest(h.as, 'http://127.0.0.1:1/other', token);
    const stored = await run(['token', 'inspect', '--server', h.mcpUrl], { env });
    expect(stored.code).toBe(4);
    expect(stored.err).toContain(`No stored token for ${h.mcpUrl}.`);
    const none = await run(['token', 'inspect']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('No token to inspect.');
  });

  it('verifies offline with a local JWKS file and --issuer', async () => {
    const jwks = await (await fetch(h.as.jwksUri)).text();
    const file = join(tmpdir(), `jwks-${process.pid}.json`);
    await writeFile(file, jwks);
    const good = await run(['--json', 'token', 'inspect', '-', '--jwks', file, '--issuer', h.issuer, '--audience', h.mcpUrl], { stdin: token });
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toMatchObject({ verified: true, findings: [] });
    const wrong = await run(['--json', 'token', 'inspect', '-', '--jwks', file, '--issuer', 'https://other.example'], { stdin: token });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.out)).toMatchObject({ findings: [{ id: 'token-issuer-mismatch', message: `iss is ${h.issuer}, but --issuer is https://other.example.` }] });
  });

  it('says the signature was not checked without --server or --jwks', async () => {
    const { code, out } = await run(['--json', 'token', 'inspect', '-'], { stdin: token });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ verified: false, findings: [{ id: 'token-unverified', severity: 'info' }] });
  });
});

describe('mcpauth token inspect, opaque tokens and unreachable keys', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({ as: { accessTokenFormat: 'opaque' } });
    token = (await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl })).tokens.access_token;
  });
  afterAll(async () => h.close());

  it('introspects with --client-id and --client-secret-env, and shows the response', async () => {
    const env = { INTROSPECT_SECRET: 'harness-introspector-secret' };
    const { code, out } = await run(['token', 'inspect', '-', '--server', h.mcpUrl, '--client-id', 'harness-introspector', '--client-secret-env', 'INTROSPECT_SECRET'], { stdin: token, env, now: () => new Date() });
    expect(code).toBe(0);
    expect(out).toContain('verified   yes: introspection at');
    expect(out).toContain('Introspection response');
    expect(out).toContain('"active": true');
    expect(out).not.toContain(token);
  });

  it('explains the limits without credentials', async () => {
    const { code, out } = await run(['--json', 'token', 'inspect', '-', '--server', h.mcpUrl], { stdin: token, now: () => new Date() });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ format: 'opaque', verified: false, claims: null, findings: [{ id: 'token-opaque', severity: 'info' }] });
  });

  it('reports token-unverifiable when the JWKS cannot be fetched', async () => {
    const jwt = await h.as.signAccessToken();
    const { code, out } = await run(['--json', 'token', 'inspect', '-', '--jwks', 'http://127.0.0.1:9/jwks'], { stdin: jwt, now: () => new Date() });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ verified: false, findings: [{ id: 'token-unverifiable', severity: 'warning' }] });
  });

  it('an unreachable --server is exit 3 (network) with the error envelope, not a report', async () => {
    const jwt = await h.as.signAccessToken();
    const { code, out, err } = await run(['--json', 'token', 'inspect', '-', '--server', 'http://127.0.0.1:9/mcp'], { stdin: jwt, now: () => new Date() });
    expect(code).toBe(3);
    expect(err).toMatch(/^mcpauth: could not reach http:\/\/127\.0\.0\.1:9\/mcp: .*\n {2}hint: /);
    expect(JSON.parse(out)).toMatchObject({ error: { code: 'network', exitCode: 3 } });
  });
});
