import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import type { StoreLock } from '../../core/store/store-deps.js';
import { CliError } from '../../errors.js';
import { PRIVATE_FILE_MODE } from './private-files.js';

/**
 * A cross-process lock: a file created with O_EXCL holding the owner's pid, host and start time.
 * conf and the file secret backend rewrite whole files, and refresh tokens rotate (gotcha 6), so
 * every read-modify-write of the store runs under this lock. Not re-entrant.
 */
export interface FileLockOptions {
  path: string;
  /** How long to wait for another holder before giving up (default 15 s). */
  timeoutMs?: number;
  /** A lock older than this is broken even if its pid looks alive (default 60 s; pids get reused). */
  staleMs?: number;
  /** What the lock guards, for the "locked by" message (default: the credential store). */
  label?: string;
}

interface LockOwner {
  pid: number;
  host: string;
  createdAt: number;
  nonce: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createFileLock(options: FileLockOptions): StoreLock {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const staleMs = options.staleMs ?? 60_000;
  const path = options.path;

  async function acquire(): Promise<string> {
    const started = Date.now();
    let delay = 5;
    for (;;) {
      const content = JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now(), nonce: randomBytes(8).toString('hex') } satisfies LockOwner);
      if (await tryCreate(path, content)) return content;
      const observed = await readLock(path);
      if (observed !== undefined && (await isStale(path, observed, staleMs))) {
        await breakLock(path, observed);
        continue;
      }
      if (Date.now() - started >= timeoutMs) throw lockTimeout(path, observed, timeoutMs, options.label ?? 'the credential store');
      // Jittered backoff so waiting processes do not retry in lock-step.
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 1.5, 100);
    }
  }

  return {
    path,
    async run<T>(fn: () => Promise<T>): Promise<T> {
      const content = await acquire();
      try {
        return await fn();
      } finally {
        // Only remove our own lock: if we were judged stale, another process holds it now.
        if ((await readLock(path)) === content) await unlink(path).catch(() => undefined);
      }
    },
  };
}

async function tryCreate(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function readLock(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

function parseOwner(content: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(content) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.createdAt === 'number' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(path: string, content: string, staleMs: number): Promise<boolean> {
  const owner = parseOwner(content);
  if (!owner) {
    // Empty or torn: its creator may be between open and write; judge by the file's age only.
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > staleMs;
  }
  if (Date.now() - owner.createdAt > staleMs) return true;
  return owner.host === hostname() && !isAlive(owner.pid);
}

/**
 * Removes a stale lock without removing a fresh one another waiter created meanwhile: move it aside,
 * check it is the one judged stale, and put it back otherwise.
 */
async function breakLock(path: string, staleContent: string): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch {
    return;
  }
  const moved = await readLock(aside);
  if (moved !== staleContent) await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function lockTimeout(path: string, content: string | undefined, timeoutMs: number, label: string): CliError {
  const owner = content === undefined ? undefined : parseOwner(content);
  const holder = owner ? `process ${owner.pid} on ${owner.host} since ${new Date(owner.createdAt).toISOString()}` : 'another process';
  return new CliError('busy', `${label} is locked by ${holder}; gave up after ${Math.round(timeoutMs / 1000)} s (${path}).`, {
    hint: `If no other mcpauth is running, delete ${path} and try again.`,
  });
}
