import { sep } from 'node:path';
import type { AuditFileSystem } from './audit-fs.js';
import type { SkippedFile } from './finding.js';
import { errorCode, type CandidateFile } from './walker.js';

/** The bytes of one file, or why it was not read; `missing` for a file git lists but the tree no longer has. */
export type LoadResult = { buffer: Buffer } | { skip: Omit<SkippedFile, 'file'> } | { missing: true };

/** Waits for room to hold `bytes` in memory; the caller releases it once the file is scanned. */
export type Admit = (bytes: number) => Promise<void>;

/**
 * Opens one candidate the safe way: a symlink is resolved and must stay inside its scan root
 * (unless the user named it), the target must be a regular file (never a device or FIFO), and
 * the read stops at the cap. Git mode lists symlinks too, so this is the one gate for both.
 */
export async function loadCandidate(file: CandidateFile, fs: AuditFileSystem, maxBytes: number, admit: Admit): Promise<LoadResult> {
  try {
    // The common case in one open: a regular file. A symlink refuses O_NOFOLLOW (ELOOP) and takes the slow path.
    return describe(await fs.readBounded(file.abs, maxBytes, admit), maxBytes);
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ELOOP' && code !== 'EMLINK') return failed(error);
  }
  let target: string;
  try {
    target = await fs.realpath(file.abs);
  } catch (error) {
    const result = failed(error);
    return 'missing' in result ? { skip: { reason: 'broken-symlink', detail: 'the symlink points to nothing' } } : result;
  }
  if (!file.named && !isInside(target, file.root)) {
    return { skip: { reason: 'symlink-outside-root', detail: `a symlink to ${target}, outside the scanned folder (name it on the command line to scan it)` } };
  }
  try {
    return describe(await fs.readBounded(target, maxBytes, admit), maxBytes);
  } catch (error) {
    return failed(error);
  }
}

function describe(read: Awaited<ReturnType<AuditFileSystem['readBounded']>>, maxBytes: number): LoadResult {
  if (read.status === 'ok') return { buffer: read.buffer };
  if (read.status === 'too-large') return { skip: tooLarge(read.bytes, maxBytes) };
  return { skip: { reason: 'not-a-regular-file', detail: `a ${read.type}, not a regular file` } };
}

export function tooLarge(bytes: number, maxBytes: number): Omit<SkippedFile, 'file'> {
  return { reason: 'too-large', bytes, detail: `${bytes} bytes, over the --max-file-size cap of ${maxBytes} bytes` };
}

function failed(error: unknown): LoadResult {
  const code = errorCode(error);
  if (code === 'ENOENT') return { missing: true };
  if (code === 'ELOOP') return { skip: { reason: 'symlink-loop', detail: 'the symlink chain loops' } };
  return { skip: { reason: 'unreadable', detail: code } };
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
