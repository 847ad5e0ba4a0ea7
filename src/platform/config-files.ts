import { readFile } from 'node:fs/promises';
import { CliError } from '../errors.js';

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
