import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readFile, realpath, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { CliError } from '../errors.js';
import { createFileLock } from './store/file-lock.js';

/**
 * The ONE safe writer for files mcpauth writes in a project (rotate --config today, setup next):
 *
 *   const writer = createSafeWriter({ root, followSymlinks });
 *   await writer.locked(async () => {
 *     await writer.check(paths);                 // every target refused up front, before any write
 *     const now = await writer.read(envPath);     // read-modify-write under the project lock
 *     await writer.write(envPath, merge(now), { private: true });
 *   });
 *
 * - a symbolic link is never followed (unless followSymlinks, and then only to a target inside root);
 * - nothing is written outside `root` (the real path of the file's directory is checked);
 * - each write goes to a temp file in the same directory, is fsynced and renamed over the target,
 *   then the directory is fsynced: a crash or a failing write leaves the old file whole;
 * - the original mode (and, when allowed, owner) is kept; `private` files are 0600;
 * - line endings follow the file (CRLF stays CRLF);
 * - `locked` serialises concurrent mcpauth runs on the same project, so read-modify-write loses nothing.
 */
export interface SafeWriterOptions {
  /** The project root: no file outside it is ever written. */
  root: string;
  /** `--follow-symlinks`: write through a link whose target is inside root. */
  followSymlinks?: boolean;
  lockTimeoutMs?: number;
  /** Tests inject a failing data write here (crash injection). */
  writeData?: (handle: FileHandle, data: Buffer) => Promise<void>;
}

export interface SafeWriteFileOptions {
  /** Holds secrets: written 0600 whatever the old mode was. */
  private?: boolean;
}

export interface SafeWriter {
  /** Refuses (CliError, exit 2) any path that is a symlink, outside root, or not a regular file. */
  check(paths: readonly string[]): Promise<void>;
  /** The file's text, or undefined when it does not exist; checked like a write target. */
  read(path: string): Promise<string | undefined>;
  write(path: string, text: string, options?: SafeWriteFileOptions): Promise<void>;
  /** Runs `fn` holding the project lock (`<root>/.mcpauth.lock`). */
  locked<T>(fn: () => Promise<T>): Promise<T>;
}

export const PROJECT_LOCK_NAME = '.mcpauth.lock';

export function createSafeWriter(options: SafeWriterOptions): SafeWriter {
  const root = resolve(options.root);
  const writeData = options.writeData ?? ((handle, data) => handle.writeFile(data));
  const lock = createFileLock({ path: join(root, PROJECT_LOCK_NAME), timeoutMs: options.lockTimeoutMs ?? 30_000, label: `the project ${root}` });

  async function target(path: string): Promise<string> {
    return guard(() => resolveTarget(resolve(path), root, options.followSymlinks === true), path);
  }

  return {
    async check(paths) {
      for (const path of paths) await target(path);
    },
    async read(path) {
      const real = await target(path);
      return guard(() => readFile(real, 'utf8'), path).catch((error: unknown) => {
        if (error instanceof CliError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
        throw error;
      });
    },
    async write(path, text, fileOptions = {}) {
      const real = await target(path);
      await guard(() => replaceFile(real, text, fileOptions.private === true, writeData), path);
    },
    locked: (fn) => guard(() => lock.run(fn), join(root, PROJECT_LOCK_NAME)),
  };
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** The path to write: never through a link (unless allowed and inside root), never outside root. */
async function resolveTarget(path: string, root: string, followSymlinks: boolean): Promise<string> {
  const realRoot = await realpath(root);
  const realDir = await realpath(dirname(path)).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    // A directory still to be created (setup): resolved through its nearest existing parent.
    return nearestExisting(dirname(path));
  });
  const candidate = join(realDir, basename(path));
  if (!inside(realRoot, candidate)) throw refusal(path, `it is outside the project root ${realRoot}`);
  const info = await lstat(candidate).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return candidate;
  if (info.isSymbolicLink()) {
    const linked = await realpath(candidate).catch(() => undefined);
    if (!followSymlinks) throw refusal(path, `it is a symbolic link${linked === undefined ? ' (dangling)' : ` to ${linked}`}; pass --follow-symlinks to write through links inside the project`);
    if (linked === undefined || !inside(realRoot, linked)) throw refusal(path, `it is a symbolic link to ${linked ?? 'nothing'}, outside the project root ${realRoot}`);
    return resolveTarget(linked, root, false);
  }
  if (info.isDirectory()) throw refusal(path, 'it is a directory');
  if (!info.isFile()) throw refusal(path, 'it is not a regular file');
  return candidate;
}

async function nearestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = dirname(current)) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) return join(real, relative(current, dir));
    if (dirname(current) === current) return dir;
  }
}

function refusal(path: string, why: string): CliError {
  return new CliError('usage', `refusing to write ${path}: ${why}. Nothing was written.`, {
    hint: 'Replace the link with a regular file (or pass --follow-symlinks for a link inside the project), then run again.',
  });
}

/** CRLF files stay CRLF: a new LF line in a CRLF file breaks some Windows tools' parsing. */
export function followLineEndings(current: string | undefined, next: string): string {
  if (current === undefined) return next;
  const crlf = (current.match(/\r\n/g) ?? []).length;
  const lf = (current.match(/\n/g) ?? []).length - crlf;
  return crlf > lf ? next.replace(/\r?\n/g, '\r\n') : next;
}

async function replaceFile(path: string, text: string, isPrivate: boolean, writeData: NonNullable<SafeWriterOptions['writeData']>): Promise<void> {
  const old = await lstat(path).catch(() => undefined);
  const current = old === undefined ? undefined : await readFile(path, 'utf8');
  const data = Buffer.from(followLineEndings(current, text), 'utf8');
  const mode = isPrivate ? 0o600 : old === undefined ? 0o644 : old.mode & 0o7777;
  await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // 'wx': O_CREAT|O_EXCL, so a link planted at the temp name is never followed.
  const handle = await open(temp, 'wx', 0o600);
  try {
    await writeData(handle, data);
    await handle.chmod(mode);
    // Kept owner when we may (root editing a user's file); an ordinary user cannot and need not.
    if (old !== undefined) await handle.chown(old.uid, old.gid).catch(() => undefined);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(path));
  // umask never loosens or tightens what we chose.
  await chmod(path, mode).catch(() => undefined);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file appeared at the temporary name',
};

/** File-system failures become one clear sentence naming the file (never "a bug in mcpauth"). */
async function guard<T>(fn: () => Promise<T>, path: string): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('usage', `${path} does not exist.`, { cause: error });
    const why = code === undefined ? undefined : FS_ERRORS[code];
    if (why === undefined) throw error;
    throw new CliError('usage', `cannot write ${path}: ${why} (${code}). Files already replaced stay whole; nothing was half-written.`, {
      hint: 'Check the permissions and free space of the project directory, then run again.',
      cause: error,
    });
  }
}
