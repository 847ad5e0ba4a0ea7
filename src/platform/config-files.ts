import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../errors.js';
import { writeFileAtomic } from './store/private-files.js';

/** Reading MCP configs and .env files; rotate --config writes through safe-write.ts. */
export async function readConfigFile(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Reads a .env (empty when absent). */
export async function readTextOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return '';
    throw new CliError('usage', `cannot read ${path} (${code ?? String(error)}).`, { hint: 'It must be a readable file, or absent.', cause: error });
  }
}

/**
 * A client config written by `setup`: the parent folder is created, the file replaced atomically.
 * (Moves to the one safe writer in platform/safe-write.ts.)
 */
export async function writeSetupFile(path: string, text: string): Promise<void> {
  const link = await lstat(path).then((stats) => stats.isSymbolicLink(), () => false);
  if (link) throw new CliError('usage', `${path} is a symbolic link; mcpauth does not write through symlinks.`, { hint: 'Pass --file with the real path of the file.' });
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
}
