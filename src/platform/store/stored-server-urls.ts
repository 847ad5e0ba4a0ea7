import { join } from 'node:path';
import { listCredentials, parseStoreDocument } from '../../core/store/store-document.js';
import { readMetadataDocument } from './conf-metadata.js';
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
  return listCredentials(parseStoreDocument(await readMetadataDocument(path, MAX_METADATA_BYTES))).map((credential) => credential.serverUrl);
}
