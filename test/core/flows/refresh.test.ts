import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getFreshAccessToken } from '../../../src/core/flows/refresh.js';
import { createHttpClient } from '../../../src/core/http/client.js';
import { shortHash } from '../../../src/core/secrets/mask.js';
import type { CredentialStore } from '../../../src/core/store/credential-store.js';
import { CliError } from '../../../src/errors.js';
import { openCredentialStore } from '../../../src/platform/store/open-store.js';
import { insecure, postMcp, startHarness, toolCallMessage, type Harness } from '../../harness/index.js';
import { obtainCredentialInput, storeEnv } from '../../helpers/obtain-tokens.js';
import { runTsx } from '../../platform/store/spawn-tsx.js';

const CHILD = fileURLToPath(new URL('./fixtures/refresh-child.ts', import.meta.url));
let h: Harness;
let home: string;
let store: CredentialStore;
let refreshGrants = 0;
let tokenErrors: string[] = [];
const http = createHttpClient({ fetch: globalThis.fetch, timeoutMs: 10_000, allowHttp: false, userAgent: 'mcpauth-test' });
const deps = () => ({ store, fetch: http.fetch, now: () => new Date(), allowHttp: false });

beforeAll(async () => {
  h = await startHarness();
  h.as.provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') refreshGrants += 1;
  });
  h.as.provider.on('grant.error', (_ctx, error: { error?: string }) => void tokenErrors.push(String(error.error)));
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'mcpauth-refresh-'));
  store = await openCredentialStore({ env: storeEnv(home), now: () => new Date() });
  refreshGrants = 0;
  tokenErrors = [];
  return () => rm(home, { recursive: true, force: true });
});

/** A loopback port nothing listens on (fetch refuses "bad ports" such as 9 before connecting). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function whoami(token: string): Promise<number> {
  return (await postMcp(h.mcpUrl, toolCallMessage('whoami'), token)).status;
}

describe('getFreshAccessToken against the harness AS (rotation on)', () => {
  it('returns a still-valid token without touching the AS', async () => {
    const saved = await store.save(await obtainCredentialInput(h));
    const fresh = await getFreshAccessToken(h.mcpUrl, deps());
    expect(fresh.refreshed).toBe(false);
    expect(fresh.accessToken).toBe((await store.readSecrets(saved)).accessToken);
    expect(refreshGrants).toBe(0);
  });

  it('refreshes an expired token with resource, persists the rotated refresh token, and the new token works', async () => {
    const saved = await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const before = await store.readSecrets(saved);
    const fresh = await getFreshAccessToken(`${h.mcpUrl.replace('http://', 'HTTP://')}/#typed-differently`, deps());
    expect(fresh.refreshed).toBe(true);
    expect(refreshGrants).toBe(1);
    const after = await store.readSecrets(fresh.credential);
    expect(after.accessToken).toBe(fresh.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(fresh.credential.lastRefreshedAt).toBeDefined();
    expect(Date.parse(fresh.credential.accessTokenExpiresAt ?? '') - Date.now()).toBeGreaterThan(500_000);
    expect(await whoami(fresh.accessToken)).toBe(200);
    // Reused across runs: a new store instance (another process would be the same) needs no refresh.
    const again = await getFreshAccessToken(h.mcpUrl, { ...deps(), store: await openCredentialStore({ env: storeEnv(home), now: () => new Date() }) });
    expect(again).toMatchObject({ refreshed: false, accessToken: fresh.accessToken });
    expect(refreshGrants).toBe(1);
  });

  it('forceRefresh refreshes a valid token (rotate, a 401 from the server)', async () => {
    await store.save(await obtainCredentialInput(h));
    const fresh = await getFreshAccessToken(h.mcpUrl, deps(), { forceRefresh: true });
    expect(fresh.refreshed).toBe(true);
    expect(refreshGrants).toBe(1);
  });

  it('after revocation: a clear re-login error, the burnt refresh token dropped and never sent again', async () => {
    const saved = await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const { refreshToken } = await store.readSecrets(saved);
    const client = { client_id: saved.clientId, token_endpoint_auth_method: 'none' };
    await oauth.processRevocationResponse(await oauth.revocationRequest(h.as.endpoints, client, oauth.None(), refreshToken ?? '', insecure));
    const error = await getFreshAccessToken(h.mcpUrl, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('auth');
    expect((error as CliError).message).toBe(
      `the authorization server rejected the refresh token for ${h.mcpUrl} (invalid_grant: grant request is invalid); it was revoked, expired, or already used.`,
    );
    expect((error as CliError).hint).toBe(`Log in again: mcpauth login ${h.mcpUrl}`);
    expect((await store.find(h.mcpUrl))?.refreshAvailable).toBe(false);
    expect((await store.readSecrets(saved)).refreshToken).toBeUndefined();
    const second = await getFreshAccessToken(h.mcpUrl, deps()).catch((e: unknown) => e);
    expect((second as CliError).message).toBe(`the access token for ${h.mcpUrl} has expired and there is no refresh token.`);
    expect(tokenErrors).toEqual(['invalid_grant']);
  });

  it('no credential: an auth error with the login hint', async () => {
    await expect(getFreshAccessToken('https://nowhere.example.com/mcp', deps())).rejects.toMatchObject({
      code: 'auth',
      message: 'no stored credential for https://nowhere.example.com/mcp.',
      hint: 'Log in again: mcpauth login https://nowhere.example.com/mcp',
    });
  });

  it('a network failure keeps the refresh token for the next attempt', async () => {
    const input = await obtainCredentialInput(h, { expiredMsAgo: 1000 });
    await store.save({ ...input, tokenEndpoint: `http://127.0.0.1:${await closedPort()}/token` });
    await expect(getFreshAccessToken(h.mcpUrl, deps())).rejects.toMatchObject({ name: 'HttpError', code: 'connection-refused' });
    expect((await store.find(h.mcpUrl))?.refreshAvailable).toBe(true);
  });

  it('single-flight: 10 processes on one expired credential cause exactly one refresh, and all get a working token', async () => {
    await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 10 }, () => runTsx(CHILD, [home, h.mcpUrl])));
    const wall = Math.round(performance.now() - started);
    const outcomes = results.map((r) => JSON.parse(r.stdout || JSON.stringify({ ok: false, error: r.stderr })) as { ok: boolean; refreshed: boolean; token: string; ms: number });
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(refreshGrants).toBe(1);
    expect(tokenErrors).toEqual([]);
    expect(outcomes.filter((o) => o.refreshed)).toHaveLength(1);
    const stored = await store.readSecrets((await store.find(h.mcpUrl))!);
    expect(new Set(outcomes.map((o) => o.token))).toEqual(new Set([shortHash(stored.accessToken)]));
    expect(await whoami(stored.accessToken)).toBe(200);
    const inCall = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    process.stderr.write(`single-flight: 10 processes, ${refreshGrants} refresh at the AS, 0 errors; getFreshAccessToken ${inCall[0]}-${inCall.at(-1)} ms (median ${inCall[5]}), wall ${wall} ms\n`);
  }, 60_000);
});
