import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Conf from 'conf';
import type { StoreDocument } from '../../core/store/credential.js';
import type { MetadataFile } from '../../core/store/store-deps.js';
import { CliError } from '../../errors.js';
import { checkPrivateFile, ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import { METADATA_FILE_NAME } from './store-home.js';

function unreadable(path: string, error: unknown): CliError {
  const why = error instanceof SyntaxError ? 'is not valid JSON (truncated or corrupted?)' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  return new CliError('usage', `the credential store ${path} ${why}; it was left as it is.`, {
    hint: `Restore it from a backup, or move it aside (mv '${path}' '${path}.broken') and log in again.`,
    cause: error,
  });
}

/**
 * Non-secret metadata through conf (dependency-notes §7.2). conf writes the whole document atomically
 * (temp + fsync + rename), but has no cross-process locking: a `set` is a read-modify-write, so
 * concurrent writers lose updates. The store therefore only writes while holding its own lock file, and
 * always writes the whole document it just read under that lock, which makes conf's last-writer-wins
 * harmless.
 *
 * Reads do what conf's `.store` getter does (read the file, JSON.parse, a missing file is empty) without
 * loading conf: conf brings ajv, ajv-formats and semver (about 5 MB of resident memory), which only a
 * write needs. Most runs only read (call, status, and every proxy that finds the token another proxy
 * refreshed), and a long-running proxy pays for what it loads for hours.
 */
export function createConfMetadataFile(home: string): { metadata: MetadataFile; home: string } {
  const path = join(home, METADATA_FILE_NAME);
  let conf: Conf<Record<string, unknown>> | undefined;
  const metadata: MetadataFile = {
    path,
    async read() {
      // Checked on every read: a file swapped for a link or loosened since the last one is refused.
      await checkPrivateFile(path);
      return readMetadataDocument(path);
    },
    async write(document: StoreDocument) {
      await ensurePrivateDir(dirname(path));
      await checkPrivateFile(path);
      conf ??= await createConf(home, path);
      conf.store = document as unknown as Record<string, unknown>;
    },
  };
  return { metadata, home };
}

/**
 * The one reader of the metadata file (the store's reads and shell completion): opened without following
 * a link (checkPrivateFile refuses one first; this closes the race), a missing file is empty, and with
 * `maxBytes` a larger file is refused before it is read.
 */
export async function readMetadataDocument(path: string, maxBytes?: number): Promise<Record<string, unknown>> {
  let text: string;
  try {
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      if (maxBytes !== undefined && (await handle.stat()).size > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw unreadable(path, error);
  }
  try {
    return { ...(JSON.parse(text) as Record<string, unknown>) };
  } catch (error) {
    throw unreadable(path, error);
  }
}

async function createConf(home: string, path: string): Promise<Conf<Record<string, unknown>>> {
  const { default: Conf } = await import('conf');
  try {
    return new Conf<Record<string, unknown>>({
      projectName: 'mcpauth',
      // conf's default suffix would make the directory 'mcpauth-nodejs'.
      projectSuffix: '',
      configName: 'credentials',
      configFileMode: PRIVATE_FILE_MODE,
      cwd: home,
    });
  } catch (error) {
    throw unreadable(path, error);
  }
}
