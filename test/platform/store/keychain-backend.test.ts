import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { probeKeychain, type KeyringEntry, type KeyringModule } from '../../../src/platform/store/keychain-backend.js';
import { openCredentialStore } from '../../../src/platform/store/open-store.js';

/** A keyring module whose entries behave as `make` says; records constructor options. */
function fakeKeyring(make: (store: Map<string, string>, account: string) => KeyringEntry, calls: unknown[] = []): KeyringModule {
  const store = new Map<string, string>();
  return {
    AsyncEntry: class {
      constructor(service: string, account: string, options?: unknown) {
        calls.push({ service, account: account.replace(/[0-9a-f]{16}$/, '<random>'), options });
        return make(store, account) as never;
      }
    } as unknown as KeyringModule['AsyncEntry'],
  };
}

const working = (store: Map<string, string>, account: string): KeyringEntry => ({
  setPassword: async (value) => void store.set(account, value),
  getPassword: async () => store.get(account) ?? null,
  deletePassword: async () => store.delete(account),
});
const hanging = (): KeyringEntry => ({
  setPassword: () => new Promise(() => undefined),
  getPassword: () => new Promise(() => undefined),
  deletePassword: () => new Promise(() => undefined),
});

let home = '';
afterEach(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

const credential = {
  serverUrl: 'https://mcp.example.com/mcp', resource: 'https://mcp.example.com/mcp', issuer: 'https://as.example.com', clientId: 'c',
  tokenEndpointAuthMethod: 'none', scopes: [], tokenType: 'bearer', tokenEndpoint: 'https://as.example.com/token',
  secrets: { accessToken: 'at', refreshToken: 'rt' },
};

describe('keychain backend', () => {
  it('the real @napi-rs/keyring fails on this headless machine: probe says why (a D-Bus error, not the time bound)', async () => {
    const probe = await probeKeychain({ timeoutMs: 3000 });
    expect(probe.ok).toBe(false);
    if (probe.ok) return;
    // No D-Bus session here (dependency-notes §7.1); pinned to secret-service, the constructor throws.
    expect(probe.reason).toMatch(/DBus|dbus|platform storage|GenericFailure/);
  });

  it('the real store falls back to the file and remembers the reason', async () => {
    home = await mkdtemp(join(tmpdir(), 'mcpauth-kc-'));
    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home }, now: () => new Date() });
    expect(store.describe().keychainFallbackReason).toBeUndefined();
    const saved = await store.save(credential);
    expect(saved.secretLocation).toBe('file');
    expect(store.describe().keychainFallbackReason).toMatch(/^the OS keychain is not usable: .*(DBus|dbus)/);
  });

  it('MCPAUTH_NO_KEYCHAIN=1 never touches the keychain', async () => {
    home = await mkdtemp(join(tmpdir(), 'mcpauth-kc-'));
    const calls: unknown[] = [];
    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date(), keychain: { load: async () => fakeKeyring(working, calls) } });
    expect((await store.save(credential)).secretLocation).toBe('file');
    expect(calls).toEqual([]);
    expect(store.describe().keychainFallbackReason).toBe('MCPAUTH_NO_KEYCHAIN=1');
  });

  it('a hanging keychain is abandoned after the (injected) time bound', async () => {
    const probe = await probeKeychain({ timeoutMs: 150, load: async () => fakeKeyring(hanging) });
    expect(probe).toMatchObject({ ok: false, reason: 'the keychain did not answer within 150 ms' });
  });

  it('a keychain whose module fails to load, or which returns another value, is not used', async () => {
    const missing = await probeKeychain({ load: async () => { throw Object.assign(new Error('Cannot find module'), { code: 'ERR_MODULE_NOT_FOUND' }); } });
    expect(missing).toMatchObject({ ok: false, reason: 'Cannot find module (ERR_MODULE_NOT_FOUND)' });
    const liar = await probeKeychain({ load: async () => fakeKeyring((store, account) => ({ ...working(store, account), getPassword: async () => 'other' })) });
    expect(liar).toMatchObject({ ok: false, reason: 'the keychain returned a different value than was stored' });
  });

  it('a working keychain holds the secrets; on Linux entries are pinned to secret-service; the canary is removed', async () => {
    home = await mkdtemp(join(tmpdir(), 'mcpauth-kc-'));
    const calls: Array<{ account: string; options: unknown }> = [];
    const module = fakeKeyring(working, calls);
    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home }, now: () => new Date(), keychain: { load: async () => module, platform: 'linux' } });
    const saved = await store.save(credential);
    expect(saved.secretLocation).toBe('keychain');
    expect(await store.readSecrets(saved)).toEqual({ accessToken: 'at', refreshToken: 'rt' });
    expect(calls[0]).toEqual({ service: 'mcpauth', account: 'probe:<random>', options: { linux: { store: 'secret-service' } } });
    expect(calls.some((call) => call.account === `credential:${saved.id}`)).toBe(true);
    await store.remove(saved.id);
    expect(await probeKeychain({ load: async () => module, platform: 'darwin' })).toMatchObject({ ok: true });
    expect(calls.at(-1)?.options).toBeUndefined();
  });
});
