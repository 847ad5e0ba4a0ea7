import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/errors.js';
import { createFileLock } from '../../../src/platform/store/file-lock.js';

let root = '';
let lockPath = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcpauth-lock-'));
  lockPath = join(root, 'store.lock');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The pid of a process that has certainly exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999;

describe('file lock', () => {
  it('lets one holder in at a time and removes the lock file afterwards', async () => {
    const lock = createFileLock({ path: lockPath });
    let inside = 0;
    let maxInside = 0;
    await Promise.all(Array.from({ length: 8 }, () => lock.run(async () => {
      inside += 1;
      maxInside = Math.max(maxInside, inside);
      await sleep(5);
      inside -= 1;
    })));
    expect(maxInside).toBe(1);
    await expect(readFile(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('releases the lock when the work throws', async () => {
    const lock = createFileLock({ path: lockPath });
    await expect(lock.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await lock.run(async () => 'next')).toBe('next');
  });

  it('breaks a lock left by a dead process', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: deadPid(), host: hostname(), createdAt: Date.now(), nonce: 'x' }));
    const lock = createFileLock({ path: lockPath, timeoutMs: 2000 });
    expect(await lock.run(async () => 'got it')).toBe('got it');
  });

  it('breaks a lock older than staleMs even when its pid is alive, and an old empty lock file', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() - 10_000, nonce: 'x' }));
    expect(await createFileLock({ path: lockPath, staleMs: 5_000, timeoutMs: 2000 }).run(async () => 1)).toBe(1);
    await writeFile(lockPath, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(lockPath, old, old);
    expect(await createFileLock({ path: lockPath, staleMs: 5_000, timeoutMs: 2000 }).run(async () => 2)).toBe(2);
  });

  it('gives up after the bounded wait with an error naming the holder and the file', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now(), nonce: 'x' }));
    const error = await createFileLock({ path: lockPath, timeoutMs: 300 }).run(async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('busy');
    expect((error as CliError).message).toContain(`locked by process ${process.pid} on ${hostname()}`);
    expect((error as CliError).message).toContain(lockPath);
    expect((error as CliError).hint).toBe(`If no other mcpauth is running, delete ${lockPath} and try again.`);
    // A foreign lock is left alone.
    expect(JSON.parse(await readFile(lockPath, 'utf8')).nonce).toBe('x');
  });
});
