import { dirname } from 'node:path';
import Conf from 'conf';
import type { StoreDocument } from '../../core/store/credential.js';
import type { MetadataFile } from '../../core/store/store-deps.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFileMode } from './private-files.js';

/**
 * Non-secret metadata through conf (dependency-notes §7.2). conf re-reads the file on every `.store`
 * access and writes the whole document atomically (temp + fsync + rename), but has no cross-process
 * locking: a `set` is a read-modify-write, so concurrent writers lose updates. The store therefore
 * only writes while holding its own lock file, and always writes the whole document it just read
 * under that lock, which makes conf's last-writer-wins harmless.
 */
export function createConfMetadataFile(home: string | undefined): { metadata: MetadataFile; home: string } {
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'mcpauth',
    // conf's default suffix would make the directory 'mcpauth-nodejs'.
    projectSuffix: '',
    configName: 'credentials',
    configFileMode: PRIVATE_FILE_MODE,
    ...(home === undefined ? {} : { cwd: home }),
  });
  const path = conf.path;
  const metadata: MetadataFile = {
    path,
    async read() {
      await tightenFileMode(path).catch(() => undefined);
      return conf.store;
    },
    async write(document: StoreDocument) {
      // conf creates its directory 0755; re-tighten before every write (cheap, and fixes a loosened dir).
      await ensurePrivateDir(dirname(path));
      conf.store = document as unknown as Record<string, unknown>;
    },
  };
  return { metadata, home: dirname(path) };
}
