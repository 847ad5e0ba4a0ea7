import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { listCredentials, parseStoreDocument } from '../../core/store/store-document.js';
import { checkPrivateFile } from './private-files.js';
import { METADATA_FILE_NAME, storeHome } from './store-home.js';

/** A store this large is not ours; completion does not read it. */
const MAX_METADATA_BYTES = 4 * 1024 * 1024;

/**
 * The server URLs of stored credentials, newest first, for shell completion. Reads only the
 * non-secret metadata file: no secret file, no keychain (so no unlock prompt), no lock, no network,
 * and it never creates the store. The same owner/mode/symlink checks as the store apply, and the file
 * is opened without following a link. Throws on anything unusual; the caller stays silent.
 */
export async function readStoredServerUrls(env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  const path = join(storeHome(env), METADATA_FILE_NAME);
  await checkPrivateFile(path);
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const { size } = await handle.stat();
    if (size > MAX_METADATA_BYTES) throw new Error(`${path} is larger than ${MAX_METADATA_BYTES} bytes`);
    const document = parseStoreDocument(JSON.parse(await handle.readFile('utf8')));
    return listCredentials(document).map((credential) => credential.serverUrl);
  } finally {
    await handle.close();
  }
}
