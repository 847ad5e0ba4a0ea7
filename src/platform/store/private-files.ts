import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from '../../errors.js';

/** Owner-only modes: the store holds refresh tokens (MCP draft: clients MUST keep them confidential). */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * A store that trusts only its owner. A missing directory is created 0700; an existing one is never
 * chmod-ed (a symlinked MCPAUTH_HOME would chmod its target, and a sticky bit would be dropped), but
 * refused when another user owns it or group/others may write to it: such a user could swap
 * credentials.json and receive the refresh token on the next call.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE }).catch((error: NodeJS.ErrnoException) => {
    throw storeError(dir, `cannot be created (${error.code ?? error.message})`, 'Point MCPAUTH_HOME at a directory you own.', error);
  });
  // stat, not lstat: a symlinked home is fine when its target passes the same checks.
  checkOwner(dir, await stat(dir), 'directory');
}

/** Refuses a store file that is a symlink, someone else's, or open to group/others. Absent is fine. */
export async function checkPrivateFile(path: string): Promise<void> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return;
  if (info.isSymbolicLink()) throw storeError(path, 'is a symbolic link; the store never reads or writes through one', `Replace it with the real file (mv), or move it aside and log in again.`);
  if (!info.isFile()) throw storeError(path, 'is not a regular file', 'Move it aside; mcpauth creates it again.');
  checkOwner(path, info, 'file');
}

function checkOwner(path: string, info: Stats, kind: 'file' | 'directory'): void {
  const uid = process.getuid?.();
  // Windows has no POSIX owner or mode bits; the user profile's ACLs apply there.
  if (uid === undefined) return;
  if (info.uid !== uid) throw storeError(path, `is owned by uid ${info.uid}, not by you (uid ${uid})`, `Use a store you own: set MCPAUTH_HOME to a directory of yours (or chown it, if it really is yours).`);
  const open = kind === 'directory' ? info.mode & 0o022 : info.mode & 0o077;
  if (open !== 0) {
    const what = kind === 'directory' ? 'writable by group or others' : 'readable or writable by group or others';
    throw storeError(path, `is ${what} (mode ${(info.mode & 0o7777).toString(8).padStart(4, '0')})`, `Check nobody else changed it, then: chmod ${kind === 'directory' ? '700' : '600'} '${path}'`);
  }
}

function storeError(path: string, what: string, hint: string, cause?: unknown): CliError {
  return new CliError('usage', `the credential store ${path} ${what}; nothing was read or changed.`, { hint, cause });
}

/**
 * Writes a whole file so a reader sees either the old or the new content, never a partial one:
 * a 0600 temp file beside it, fsync, rename over the target, then fsync the directory so the
 * rename itself survives a crash.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
}

async function syncDirectory(dir: string): Promise<void> {
  // Not every platform can open a directory for fsync (Windows); the rename is done either way.
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** Reads a private file after checking it is the owner's alone. Undefined when absent. */
export async function readPrivateFile(path: string): Promise<string | undefined> {
  await checkPrivateFile(path);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw storeError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Check the file, or move it aside and log in again.', error);
  }
}
