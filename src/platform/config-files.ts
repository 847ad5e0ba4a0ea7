import { appendFile, lstat, mkdir, readFile, writeFile } from 'node:fs/promises';
import { CliError } from '../errors.js';
import { dirname, join, relative } from 'node:path';
import { tightenFileMode, writeFileAtomic } from './store/private-files.js';

/** The MCP config itself is rewritten in place: same path, same mode, only the edited strings differ. */
export async function writeConfigFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, 'utf8');
}

export async function readConfigFile(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Reads a .env (empty when absent). */
export async function readTextOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** The .env holds secrets: written atomically with mode 0600, and re-tightened if it was looser. */
export async function writeDotenvFile(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text);
  await tightenFileMode(path);
}

/** Adds `/<path>` to the repository's .gitignore (created if missing); returns the line added. */
export async function addGitignoreEntry(root: string, path: string): Promise<string> {
  const gitignore = join(root, '.gitignore');
  const existing = await readTextOrEmpty(gitignore);
  const line = `/${relative(root, path).split('\\').join('/')}`;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(gitignore, `${separator}# secrets moved out of MCP configs by mcpauth rotate\n${line}\n`);
  return line;
}

/**
 * A client config written by `setup`: the parent folder is created, the file replaced atomically.
 * (Moves to the one safe writer in platform/ when it lands.)
 */
export async function writeSetupFile(path: string, text: string): Promise<void> {
  const link = await lstat(path).then((stats) => stats.isSymbolicLink(), () => false);
  if (link) throw new CliError('usage', `${path} is a symbolic link; mcpauth does not write through symlinks.`, { hint: 'Pass --file with the real path of the file.' });
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
}
