import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { approveDeviceCode, startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';
import { createCapturedIO } from '../../src/platform/io.js';
import { pollUntil } from '../helpers/settle.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const home = (): string => mkdtempSync(join(tmpdir(), 'mcpauth-flows-'));

describe('login flows', () => {
  it('device flow: prints the code on stderr, polls until approved, stores and proves the credential', async () => {
    harness = await startHarness();
    const io = createCapturedIO();
    const pending = runMcpauth(['login', harness.mcpUrl, '--device', '--json'], { MCPAUTH_HOME: home(), MCPAUTH_TEST_DEVICE_INTERVAL_MS: '50' }, { io });
    const completeUrl = (): string | undefined => /\(or open (\S+)\)/.exec(io.err())?.[1];
    await pollUntil(() => completeUrl() !== undefined, 'the device code on stderr');
    const complete = completeUrl() ?? '';
    expect(io.err()).toMatch(/enter the code [A-Z]{4}-[A-Z]{4}/);
    await approveDeviceCode(complete);
    const run = await pending;
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ flow: 'device', registration: 'dcr', subject: 'alice', refreshAvailable: true });
  });

  it('pre-registered confidential client: the secret comes from an env var and is stored with the credential', async () => {
    harness = await startHarness();
    const env = { MCPAUTH_HOME: home(), MY_SECRET: 'harness-confidential-secret' };
    const run = await runMcpauth(['login', harness.mcpUrl, '--client-id', 'harness-confidential', '--client-secret-env', 'MY_SECRET', '--browser', CONSENT_BROWSER, '--json'], env);
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ clientId: 'harness-confidential', registration: 'pre-registered' });
    const store = await openCredentialStore({ env: { ...env, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    const credential = await store.find(harness.mcpUrl);
    expect(credential?.tokenEndpointAuthMethod).toBe('client_secret_basic');
    expect((await store.readSecrets(credential!)).clientSecret).toBe('harness-confidential-secret');
  });

  it('reuses the DCR registration of the same issuer on the next login', async () => {
    harness = await startHarness();
    const env = { MCPAUTH_HOME: home() };
    const first = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER, '--json'], env);
    const second = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER, '--json', '--verbose'], env);
    expect(second.code, second.err).toBe(0);
    expect(JSON.parse(second.out).clientId).toBe(JSON.parse(first.out).clientId);
    expect(second.err).not.toContain('(dynamic client registration)');
  });

  it('a DCR login keeps the RFC 7592 management credentials, so rotate --client can delete that client later', async () => {
    harness = await startHarness();
    const env = { MCPAUTH_HOME: home() };
    const login = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER, '--json'], env);
    expect(login.code, login.err).toBe(0);
    const oldClient = JSON.parse(login.out).clientId as string;
    const rotate = await runMcpauth(['rotate', '--client', harness.mcpUrl, '--json'], env);
    expect(rotate.code, rotate.err).toBe(0);
    expect(rotate.out).toContain(oldClient);
    expect(JSON.parse(rotate.out).clients[0]).toMatchObject({ status: 'replaced', oldClientId: oldClient });
    const store = await openCredentialStore({ env: { ...env, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    expect((await store.getClientRegistration(harness.issuer))?.registration.clientId).not.toBe(oldClient);
  });

  it('fails with the flags to pass when the AS offers no registration', async () => {
    harness = await startHarness({ as: { registration: false } });
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER], { MCPAUTH_HOME: home() });
    expect(run.code).toBe(2);
    expect(run.err).toContain('--client-id');
    expect(run.err).toContain('--client-metadata-url');
  });

  it('never prints a token: login, call and their --verbose --json output stay clean', async () => {
    harness = await startHarness();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const outputs: string[] = [];
    for (const argv of [['login', harness.mcpUrl], ['call', harness.mcpUrl], ['call', harness.mcpUrl, 'whoami'], ['call', harness.mcpUrl, 'admin-reset', '--step-up']]) {
      for (const flags of [['--verbose'], ['--verbose', '--json']]) {
        const run = await runMcpauth([...argv, ...flags], env);
        expect(run.code, run.err).toBe(0);
        outputs.push(run.out, run.err);
      }
    }
    const store = await openCredentialStore({ env: { ...env, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    const secrets = await store.readSecrets((await store.find(harness.mcpUrl))!);
    expect(secrets.accessToken.length).toBeGreaterThan(20);
    expect(secrets.refreshToken?.length).toBeGreaterThan(20);
    const all = outputs.join('\n');
    expect(all).toContain('Bearer '); // the verbose trace is there, masked
    expect(all).not.toContain(secrets.accessToken);
    expect(all).not.toContain(secrets.refreshToken!);
  });
});

describe('login with the keychain unavailable', () => {
  it('says in one line on stderr that the secrets went to the 0600 file, and why', async () => {
    harness = await startHarness();
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER], { MCPAUTH_HOME: home() });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toMatch(/^note: the secrets are in \S+secrets\.json \(mode 0600\), not the OS keychain: MCPAUTH_NO_KEYCHAIN=1\.$/m);
    expect(run.out).not.toContain('note:');
  });
});
