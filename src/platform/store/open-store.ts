import { join } from 'node:path';
import { createCredentialStore, type CredentialStore } from '../../core/store/credential-store.js';
import { createConfMetadataFile } from './conf-metadata.js';
import { createFileLock } from './file-lock.js';
import { createFileSecretBackend } from './file-secret-backend.js';
import type { KeychainOptions } from './keychain-backend.js';
import { checkPrivateFile, ensurePrivateDir } from './private-files.js';
import { createSecretBackends } from './secret-backends.js';
import { METADATA_FILE_NAME, storeHome } from './store-home.js';

export interface OpenStoreOptions {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Default 3000 ms (issue #4: about 3 s before falling back to the file). */
  keychainTimeoutMs?: number;
  lockTimeoutMs?: number;
  lockStaleMs?: number;
  /** Tests inject a fake keyring module here. */
  keychain?: Omit<KeychainOptions, 'timeoutMs'>;
}

export const SECRET_FILE_NAME = 'secrets.json';
export const LOCK_FILE_NAME = 'store.lock';

/**
 * The real store: MCPAUTH_HOME (or conf's config dir for 'mcpauth') holds credentials.json (conf),
 * secrets.json (when the keychain is not usable) and store.lock, all owner-only.
 */
export async function openCredentialStore(options: OpenStoreOptions): Promise<CredentialStore> {
  const home = storeHome(options.env);
  // The owner-only checks come before conf (or anything) reads a file there.
  await ensurePrivateDir(home);
  const secretFilePath = join(home, SECRET_FILE_NAME);
  for (const file of [METADATA_FILE_NAME, SECRET_FILE_NAME, LOCK_FILE_NAME]) await checkPrivateFile(join(home, file));
  const { metadata } = createConfMetadataFile(home);
  const secrets = createSecretBackends({
    file: createFileSecretBackend(secretFilePath),
    noKeychain: options.env.MCPAUTH_NO_KEYCHAIN === '1',
    keychain: { ...options.keychain, timeoutMs: options.keychainTimeoutMs ?? 3000 },
  });
  const lock = createFileLock({ path: join(home, LOCK_FILE_NAME), timeoutMs: options.lockTimeoutMs, staleMs: options.lockStaleMs });
  return createCredentialStore({ metadata, secrets, lock, now: options.now, home, secretFilePath });
}
