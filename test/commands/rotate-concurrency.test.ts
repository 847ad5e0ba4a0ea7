import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { postMcp, startHarness, toolCallMessage, type Harness } from '../harness/index.js';
import { obtainCredentialInput, storeEnv } from '../helpers/obtain-tokens.js';
import { bundle } from '../platform/store/spawn-tsx.js';

const RUNNER = fileURLToPath(new URL('./fixtures/run-mcpauth.ts', import.meta.url));
/** The built CLI, as users run it (`npm test` builds dist/ first, as for test/e2e). */
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const LAUNCHERS = [
  { name: 'the built bin/mcpauth.js', argv: [BIN] },
  // src/main.ts compiled once (not through tsx in each of the 2 x 10 processes): work bounded by N.
  { name: 'src/main.ts, compiled once', argv: [bundle(RUNNER)] },
];
const PROCESSES = 10;

interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runChild(launcher: readonly string[], args: string[], env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...launcher, ...args], { env: { ...process.env, ...env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

let h: Harness;
let home: string;

beforeEach(async () => {
  h = await startHarness();
  home = await mkdtemp(join(tmpdir(), 'mcpauth-rotate-race-'));
});

afterEach(async () => {
  await h.close();
  await rm(home, { recursive: true, force: true });
});

describe.each(LAUNCHERS)(`rotate: ${PROCESSES} concurrent processes of $name share one store`, ({ name, argv }) => {
  it('spend the refresh token exactly once at the AS, and all end with a working token', async () => {
    let refreshGrants = 0;
    let refreshErrors = 0;
    h.as.provider.on('grant.success', (ctx) => void (ctx.oidc.params?.grant_type === 'refresh_token' && (refreshGrants += 1)));
    h.as.provider.on('grant.error', (ctx) => void (ctx.oidc.params?.grant_type === 'refresh_token' && (refreshErrors += 1)));
    const env = storeEnv(home);
    const store = await openCredentialStore({ env, now: () => new Date() });
    const saved = await store.save(await obtainCredentialInput(h, { expiredMsAgo: 1000 }));
    const oldSecrets = await store.readSecrets(saved);

    const started = performance.now();
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, () => runChild(argv, ['rotate', h.mcpUrl, '--if-expiring-within', '5m', '--json'], env)),
    );
    const wallMs = Math.round(performance.now() - started);

    expect(runs.map((run) => run.code)).toEqual(Array(PROCESSES).fill(0));
    const statuses = runs.map((run) => (JSON.parse(run.stdout) as { outcomes: Array<{ status: string }> }).outcomes[0]?.status).sort();
    // One process refreshed; the others found a fresh token, either inside the lock or already at planning.
    expect(statuses.filter((status) => status === 'rotated')).toHaveLength(1);
    expect(statuses.every((status) => ['rotated', 'refreshed-elsewhere', 'fresh'].includes(status ?? ''))).toBe(true);
    expect(refreshGrants).toBe(1);
    expect(refreshErrors).toBe(0);

    const stored = (await store.find(h.mcpUrl))!;
    const current = await store.readSecrets(stored);
    // Every process ends seeing the same stored token: the one the single refresh produced.
    const seenExpiries = runs.map((run) => {
      const outcome = (JSON.parse(run.stdout) as { outcomes: Array<{ expiresAt?: string; previousExpiresAt?: string; status: string }> }).outcomes[0];
      return outcome?.status === 'fresh' ? outcome.previousExpiresAt : outcome?.expiresAt;
    });
    expect(seenExpiries).toEqual(Array<string | undefined>(PROCESSES).fill(stored.accessTokenExpiresAt));
    expect(current.refreshToken).not.toBe(oldSecrets.refreshToken);
    expect((await postMcp(h.mcpUrl, toolCallMessage('echo', { text: 'hi' }), current.accessToken)).status).toBe(200);
    // Every process ends with a working token: `token print`-style re-reads give the same, valid one.
    const again = await Promise.all(Array.from({ length: PROCESSES }, () => runChild(argv, ['rotate', h.mcpUrl, '--if-expiring-within', '5m', '--json'], env)));
    expect(again.map((run) => (JSON.parse(run.stdout) as { result: string }).result)).toEqual(Array(PROCESSES).fill('nothing-to-do'));
    expect(refreshGrants).toBe(1);
    console.info(`rotate concurrency (${name}): ${PROCESSES} processes, ${refreshGrants} refresh grant(s) at the AS, ${refreshErrors} refresh errors, wall ${wallMs} ms, statuses ${statuses.join(',')}`);
  }, 60_000);
});
