import type { SecretLocation } from '../../core/store/credential.js';
import type { SecretBackend, SecretBackends } from '../../core/store/store-deps.js';
import { probeKeychain, type KeychainOptions } from './keychain-backend.js';

export interface SecretBackendsOptions {
  file: SecretBackend;
  /** MCPAUTH_NO_KEYCHAIN=1: always the file (CI, tests, machines whose keychain prompts). */
  noKeychain: boolean;
  keychain?: KeychainOptions;
}

/** The keychain when a canary round-trip works, else the file, remembering why (status shows it). */
export function createSecretBackends(options: SecretBackendsOptions): SecretBackends {
  let reason: string | undefined = options.noKeychain ? 'MCPAUTH_NO_KEYCHAIN=1' : undefined;
  let keychain: Promise<SecretBackend | undefined> | undefined;

  function probeOnce(): Promise<SecretBackend | undefined> {
    keychain ??= options.noKeychain
      ? Promise.resolve(undefined)
      : probeKeychain(options.keychain).then((probe) => {
          if (probe.ok) return probe.backend;
          reason = `the OS keychain is not usable: ${probe.reason}`;
          return undefined;
        });
    return keychain;
  }

  async function forLocation(location: SecretLocation): Promise<SecretBackend> {
    if (location === 'file') return options.file;
    const backend = await probeOnce();
    if (!backend) throw new Error(`this secret is in the OS keychain, which is not usable now (${reason ?? 'unknown reason'})`);
    return backend;
  }

  return {
    preferred: async () => (await probeOnce()) ?? options.file,
    forLocation,
    fallbackReason: () => reason,
  };
}
