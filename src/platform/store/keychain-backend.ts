import { randomBytes } from 'node:crypto';
import type { SecretBackend } from '../../core/store/store-deps.js';

/** The part of @napi-rs/keyring we use; injectable so tests can simulate failing or hanging keychains. */
export interface KeyringEntry {
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  deletePassword(signal?: AbortSignal | null): Promise<boolean>;
}

export interface KeyringModule {
  AsyncEntry: new (service: string, account: string, options?: { linux?: { store?: 'secret-service' | 'keyutils' } }) => KeyringEntry;
}

export type LoadKeyring = () => Promise<KeyringModule>;

export interface KeychainOptions {
  service?: string;
  /** Bound for the probe and for each later call (default 3 s: a locked desktop keyring waits for a prompt). */
  timeoutMs?: number;
  load?: LoadKeyring;
  platform?: NodeJS.Platform;
}

export type KeychainProbe = { ok: true; backend: SecretBackend; durationMs: number } | { ok: false; reason: string; durationMs: number };

export const KEYCHAIN_SERVICE = 'mcpauth';

// A native addon: loaded only when a secret is first needed, never at start-up.
const loadRealKeyring: LoadKeyring = async () => (await import('@napi-rs/keyring')) as unknown as KeyringModule;

/**
 * Proves the keychain works with a throw-away canary (set, get, delete) within the time bound.
 * Any failure (missing addon, no D-Bus session, locked keyring, a hang) is a reason to fall back.
 */
export async function probeKeychain(options: KeychainOptions = {}): Promise<KeychainProbe> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 3000;
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  // A hung native call may ignore its AbortSignal, so the whole probe races a timer too.
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the keychain did not answer within ${timeoutMs} ms`), timeoutMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([runCanary(options, timeoutMs), timeout]);
    if (typeof outcome === 'string') return { ok: false, reason: outcome, durationMs: elapsed() };
    return { ok: true, backend: outcome, durationMs: elapsed() };
  } catch (error) {
    return { ok: false, reason: describeError(error), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

async function runCanary(options: KeychainOptions, timeoutMs: number): Promise<SecretBackend> {
  const backend = createKeychainBackend(await (options.load ?? loadRealKeyring)(), options, timeoutMs);
  const account = `probe:${randomBytes(8).toString('hex')}`;
  const value = randomBytes(8).toString('hex');
  await backend.set(account, value);
  try {
    if ((await backend.get(account)) !== value) throw new Error('the keychain returned a different value than was stored');
  } finally {
    await backend.delete(account);
  }
  return backend;
}

function createKeychainBackend(keyring: KeyringModule, options: KeychainOptions, timeoutMs: number): SecretBackend {
  const service = options.service ?? KEYCHAIN_SERVICE;
  // dependency-notes §7.1: the default Linux store falls back to the kernel keyring, which is not
  // persistent and leaves entries behind on failure; Secret Service or nothing.
  const entryOptions = (options.platform ?? process.platform) === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = (account: string) => new keyring.AsyncEntry(service, account, entryOptions);
  const signal = () => AbortSignal.timeout(timeoutMs);
  return {
    location: 'keychain',
    description: `OS keychain (service ${service})`,
    get: async (account) => (await entry(account).getPassword(signal())) ?? undefined,
    set: (account, value) => entry(account).setPassword(value, signal()),
    delete: (account) => entry(account).deletePassword(signal()),
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
