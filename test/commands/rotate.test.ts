import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { insecure, startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput, storeEnv } from '../helpers/obtain-tokens.js';
import { createTestDeps } from '../helpers/test-deps.js';

let h: Harness;
let home: string;

beforeEach(async () => {
  h = await startHarness();
  home = await mkdtemp(join(tmpdir(), 'mcpauth-rotate-cmd-'));
});

afterEach(async () => {
  await h.close();
  await rm(home, { recursive: true, force: true });
});

async function seed(expiredMsAgo?: number) {
  const store = await openCredentialStore({ env: storeEnv(home), now: () => new Date() });
  const saved = await store.save(await obtainCredentialInput(h, expiredMsAgo === undefined ? {} : { expiredMsAgo }));
  return { store, saved };
}

async function rotate(args: string[], tty = false) {
  const deps = createTestDeps({ env: storeEnv(home), tty });
  const code = await runCli(['rotate', ...args], deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

const normalise = (text: string) =>
  text
    .replaceAll(h.mcpUrl, 'MCP_URL')
    .replaceAll(h.issuer, 'ISSUER')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z|\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'TIME');

describe('mcpauth rotate <url>', () => {
  it('rotates now and says old -> new expiry and that the refresh token rotated (piped)', async () => {
    await seed();
    const { code, out } = await rotate([h.mcpUrl]);
    expect(code).toBe(0);
    expect(normalise(out)).toMatchInlineSnapshot(`
      "Rotated 1 of 1 stored credential.
        ✓ MCP_URL  (ISSUER)
            access token expiry TIME -> TIME; refresh token rotated
      "
    `);
  });

  it('colours the headline on a terminal', async () => {
    await seed();
    const { code, out } = await rotate([h.mcpUrl], true);
    expect(code).toBe(0);
    expect(out).toMatch(/\u001b\[32mRotated 1 of 1/);
  });

  it('--if-expiring-within: nothing to do exits 0 and --json says "nothing-to-do"', async () => {
    const { saved } = await seed();
    const { code, out } = await rotate([h.mcpUrl, '--if-expiring-within', '5m', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      result: 'nothing-to-do',
      ifExpiringWithin: 300,
      outcomes: [{ serverUrl: h.mcpUrl, resource: h.mcpUrl, issuer: h.issuer, status: 'fresh', previousExpiresAt: saved.accessTokenExpiresAt }],
    });
  });

  it('--all --json reports every stored credential, with no token in the output', async () => {
    const { store } = await seed(1000);
    const { code, out } = await rotate(['--all', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as { result: string; outcomes: Array<Record<string, unknown>> };
    expect(report.result).toBe('rotated');
    expect(report.outcomes).toHaveLength(1);
    expect(report.outcomes[0]).toMatchObject({ status: 'rotated', refreshTokenRotated: true });
    const secrets = await store.readSecrets((await store.find(h.mcpUrl))!);
    expect(out).not.toContain(secrets.accessToken);
    expect(out).not.toContain(secrets.refreshToken);
  });

  it('exits 4 with the login command when the refresh token was revoked', async () => {
    const { store, saved } = await seed(1000);
    const secrets = await store.readSecrets(saved);
    const client = { client_id: saved.clientId, token_endpoint_auth_method: 'none' };
    await oauth.processRevocationResponse(await oauth.revocationRequest(h.as.endpoints, client, oauth.None(), secrets.refreshToken!, insecure));
    const { code, out } = await rotate([h.mcpUrl]);
    expect(code).toBe(4);
    expect(normalise(out)).toMatchInlineSnapshot(`
      "Log in again for 1 server: the refresh token is gone or was rejected.
        ✗ MCP_URL  (ISSUER)
            the authorization server rejected the refresh token for MCP_URL (invalid_grant: grant request is invalid); it was revoked, expired, or already used.
            run: mcpauth login MCP_URL
      "
    `);
  });

  it('exits 4 with a login hint when nothing is stored for the URL', async () => {
    const { code, err } = await rotate(['http://127.0.0.1:9/mcp']);
    expect(code).toBe(4);
    expect(err).toContain('no stored credential for http://127.0.0.1:9/mcp');
    expect(err).toContain('mcpauth login http://127.0.0.1:9/mcp');
  });

  it('needs exactly one of a URL or --all', async () => {
    expect((await rotate([])).code).toBe(2);
    expect((await rotate([h.mcpUrl, '--all'])).code).toBe(2);
    expect((await rotate(['--config', 'x.json', '--all'])).err).toContain('--config cannot be combined');
  });
});
