import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planRotation } from '../../../src/core/rotate/rotation-plan.js';
import { rotateCredentials } from '../../../src/core/rotate/rotate-credentials.js';
import type { CredentialStore } from '../../../src/core/store/credential-store.js';
import { CliError } from '../../../src/errors.js';
import { openCredentialStore } from '../../../src/platform/store/open-store.js';
import { insecure, postMcp, startHarness, toolCallMessage, type Harness } from '../../harness/index.js';
import { obtainCredentialInput, storeEnv } from '../../helpers/obtain-tokens.js';

let h: Harness;
let home: string;
let store: CredentialStore;
let refreshGrants: number;

const describeError = (error: unknown) => ({ code: error instanceof CliError ? error.code : ('internal' as const), message: String((error as Error).message) });
const deps = () => ({ store, fetch: (url: string, init?: RequestInit) => fetch(url, init), now: () => new Date(), allowHttp: false, describeError });

beforeEach(async () => {
  h = await startHarness();
  refreshGrants = 0;
  h.as.provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') refreshGrants += 1;
  });
  home = await mkdtemp(join(tmpdir(), 'mcpauth-rotate-'));
  store = await openCredentialStore({ env: storeEnv(home), now: () => new Date() });
});

afterEach(async () => {
  await h.close();
  await rm(home, { recursive: true, force: true });
});

async function tokenWorks(accessToken: string): Promise<number> {
  return (await postMcp(h.mcpUrl, toolCallMessage('echo', { text: 'hi' }), accessToken)).status;
}

describe('rotateCredentials against the harness AS (refresh rotation on)', () => {
  it('stores the rotated tokens, reports old -> new expiry, and the old refresh token is burnt', async () => {
    const saved = await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const old = await store.readSecrets(saved);
    const plan = planRotation(await store.list(), {}, new Date());
    expect(plan.map((item) => [item.refresh, item.reason])).toEqual([[true, 'forced']]);

    const report = await rotateCredentials(plan, deps());

    expect(report.result).toBe('rotated');
    const [outcome] = report.outcomes;
    expect(outcome).toMatchObject({ status: 'rotated', refreshTokenRotated: true, previousExpiresAt: saved.accessTokenExpiresAt });
    expect(Date.parse(outcome?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 500_000);
    const stored = await store.readSecrets((await store.find(h.mcpUrl))!);
    expect(stored.refreshToken).not.toBe(old.refreshToken);
    expect(stored.accessToken).not.toBe(old.accessToken);
    expect(await tokenWorks(stored.accessToken)).toBe(200);
    expect(refreshGrants).toBe(1);
    expect(JSON.stringify(report)).not.toContain(stored.refreshToken);

    // Last: spending the old refresh token again is refused (and, by reuse detection, revokes the grant).
    const client = { client_id: saved.clientId, token_endpoint_auth_method: 'none' };
    const response = await oauth.refreshTokenGrantRequest(h.as.endpoints, client, oauth.None(), old.refreshToken!, insecure);
    await expect(oauth.processRefreshTokenResponse(h.as.endpoints, client, response)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('with --if-expiring-within: a fresh credential is left alone, an expiring one is refreshed', async () => {
    await store.save(await obtainCredentialInput(h));
    const fresh = await rotateCredentials(planRotation(await store.list(), { ifExpiringWithin: 300 }, new Date()), deps(), 300);
    expect(fresh.result).toBe('nothing-to-do');
    expect(fresh.outcomes.map((o) => o.status)).toEqual(['fresh']);
    expect(refreshGrants).toBe(0);

    const within = 3600;
    const report = await rotateCredentials(planRotation(await store.list(), { ifExpiringWithin: within }, new Date()), deps(), within);
    // The harness gives 600 s tokens: still expiring within an hour after the refresh, which is fine.
    expect(report).toMatchObject({ result: 'rotated', ifExpiringWithin: within, outcomes: [{ status: 'rotated', refreshTokenRotated: true }] });
    expect(refreshGrants).toBe(1);
  });

  it('reports login-needed with the login command when the AS rejects the refresh token, and drops it', async () => {
    const saved = await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const secrets = await store.readSecrets(saved);
    const client = { client_id: saved.clientId, token_endpoint_auth_method: 'none' };
    await oauth.processRevocationResponse(await oauth.revocationRequest(h.as.endpoints, client, oauth.None(), secrets.refreshToken!, insecure));

    const report = await rotateCredentials(planRotation(await store.list(), {}, new Date()), deps());

    expect(report.result).toBe('login-needed');
    expect(report.outcomes[0]).toMatchObject({ status: 'login-needed', loginCommand: `mcpauth login ${h.mcpUrl}`, failure: { code: 'auth' } });
    expect(report.outcomes[0]?.failure?.message).toContain('invalid_grant');
    expect((await store.find(h.mcpUrl))?.refreshAvailable).toBe(false);
    const again = planRotation(await store.list(), {}, new Date());
    expect(again.map((item) => [item.refresh, item.reason])).toEqual([[false, 'no-refresh-token']]);
  });

  it('a refresh that cannot reach the AS is "failed", keeps the refresh token, and other servers still run', async () => {
    const saved = await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const before = await store.readSecrets(saved);
    await h.close();
    const report = await rotateCredentials(planRotation(await store.list(), {}, new Date()), deps());
    expect(report.result).toBe('failed');
    expect(report.outcomes[0]?.status).toBe('failed');
    expect((await store.readSecrets((await store.find(h.mcpUrl))!)).refreshToken).toBe(before.refreshToken);
    h = await startHarness();
  });
});
