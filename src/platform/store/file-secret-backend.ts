import { dirname } from 'node:path';
import type { SecretBackend } from '../../core/store/store-deps.js';
import { CliError } from '../../errors.js';
import { ensurePrivateDir, readPrivateFile, writeFileAtomic } from './private-files.js';

interface SecretFile {
  version: 1;
  secrets: Record<string, string>;
}

/**
 * Secrets in one JSON file, mode 0600 in a 0700 directory, rewritten atomically. Each change is a
 * read-modify-write of the whole file: the caller holds the store lock (credential-store.ts does).
 */
export function createFileSecretBackend(path: string): SecretBackend {
  async function load(): Promise<SecretFile> {
    const text = await readPrivateFile(path);
    if (text === undefined) return { version: 1, secrets: {} };
    let parsed: Partial<SecretFile>;
    try {
      parsed = JSON.parse(text) as Partial<SecretFile>;
    } catch (error) {
      // Never silently start over: that would drop every refresh token in the file.
      throw refuse(path, 'is not valid JSON (truncated or corrupted?)', error);
    }
    // A newer format is never rewritten by this version (it would drop what it does not know).
    if (typeof parsed !== 'object' || parsed === null || parsed.version !== 1) throw refuse(path, `has an unsupported format (version ${JSON.stringify((parsed as { version?: unknown } | null)?.version ?? null)})`);
    return { version: 1, secrets: typeof parsed.secrets === 'object' && parsed.secrets !== null ? { ...parsed.secrets } : {} };
  }

  async function store(file: SecretFile): Promise<void> {
    await ensurePrivateDir(dirname(path));
    await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  }

  return {
    location: 'file',
    description: `file ${path}`,
    get: async (account) => (await load()).secrets[account],
    async set(account, value) {
      const file = await load();
      file.secrets[account] = value;
      await store(file);
    },
    async delete(account) {
      const file = await load();
      if (!(account in file.secrets)) return false;
      delete file.secrets[account];
      await store(file);
      return true;
    },
  };
}

function refuse(path: string, why: string, cause?: unknown): CliError {
  return new CliError('usage', `the secret file ${path} ${why}; it was left as it is.`, {
    hint: `Restore it from a backup, or move it aside (mv '${path}' '${path}.broken') and log in again.`,
    cause,
  });
}
