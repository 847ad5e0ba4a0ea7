import { execFile } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';

/** What a path is, without following it. */
export type PathType = 'file' | 'directory' | 'symlink' | 'fifo' | 'device' | 'socket' | 'other';

export interface PathInfo {
  type: PathType;
  size: number;
  /** Permission bits (mode & 0o777). */
  mode: number;
  mtimeMs: number;
}

/** A read that never blocks on a device or FIFO and never holds more than the cap. */
export type BoundedRead =
  | { status: 'ok'; buffer: Buffer }
  | { status: 'too-large'; bytes: number }
  | { status: 'not-regular'; type: PathType };

/** The outside world the audit touches: files and git. Tests may pass their own. */
export interface AuditFileSystem {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, text: string): Promise<void>;
  stat(path: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean }>;
  lstat(path: string): Promise<PathInfo>;
  realpath(path: string): Promise<string>;
  /**
   * Opens without following a final symlink (a symlink fails with ELOOP) and without blocking,
   * checks it is a regular file, waits for `beforeRead(size)` (memory admission), reads at most `maxBytes`.
   */
  readBounded(path: string, maxBytes: number, beforeRead?: (size: number) => Promise<void>): Promise<BoundedRead>;
  readDir(path: string): Promise<Array<{ name: string; isFile: boolean; isDirectory: boolean; isSymlink: boolean }>>;
  /** Runs git with these arguments in `cwd` (optionally feeding stdin); rejects when git fails or is missing. */
  git(args: readonly string[], cwd: string, input?: string): Promise<Buffer>;
}

// History scans can print a lot: a generous cap, still bounded.
const GIT_MAX_BUFFER = 256 * 1024 * 1024;
// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function typeOf(info: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): PathType {
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'directory';
  if (info.isSymbolicLink()) return 'symlink';
  if (info.isFIFO()) return 'fifo';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'other';
}

// Synchronous open/fstat/read/close: for thousands of small files the promise FileHandle path costs
// more than the reads themselves (profiled on the 20,000-file benchmark), and none of these calls
// can block for long: O_NONBLOCK open, and only regular files are read.
async function readBounded(path: string, maxBytes: number, beforeRead?: (size: number) => Promise<void>): Promise<BoundedRead> {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { status: 'not-regular', type: typeOf(info) };
    if (info.size > maxBytes) return { status: 'too-large', bytes: info.size };
    if (beforeRead) await beforeRead(info.size);
    // One byte past the cap tells a file that grew since fstat from one that fits.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { status: 'too-large', bytes: filled };
    return { status: 'ok', buffer: buffer.subarray(0, filled) };
  } finally {
    closeSync(fd);
  }
}

export function createNodeAuditFileSystem(): AuditFileSystem {
  return {
    readFile: (path) => readFile(path),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    async stat(path) {
      const info = await stat(path);
      return { size: info.size, isFile: info.isFile(), isDirectory: info.isDirectory() };
    },
    async lstat(path) {
      const info = await lstat(path);
      return { type: typeOf(info), size: info.size, mode: info.mode & 0o777, mtimeMs: info.mtimeMs };
    },
    realpath: (path) => realpath(path),
    readBounded,
    async readDir(path) {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((entry) => ({ name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory(), isSymlink: entry.isSymbolicLink() }));
    },
    git: (args, cwd, input) =>
      new Promise((resolve, reject) => {
        const child = execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, encoding: 'buffer', maxBuffer: GIT_MAX_BUFFER }, (error, stdout) => {
          if (error) reject(error);
          else resolve(stdout);
        });
        if (input !== undefined) child.stdin?.end(input);
      }),
  };
}
