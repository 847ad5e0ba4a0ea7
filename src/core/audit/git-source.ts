import { join } from 'node:path';
import type { AuditFileSystem } from './audit-fs.js';
import type { CommitInfo } from './finding.js';
import { fileKindOf } from './parse-config.js';
import { isSkippedPath, toRelative } from './walker.js';

/** One version of one file to scan, from the index or a commit. */
export interface GitBlob {
  rel: string;
  /** `:path` for the index, `<commit>:path` for history. */
  spec: string;
  commit?: CommitInfo;
  /** From `git cat-file --batch-check`, before anything is read. */
  size?: number;
}

export async function gitTopLevel(cwd: string, fs: AuditFileSystem): Promise<string> {
  return (await fs.git(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').trim();
}

/** --staged: what the next commit will contain (added, copied, modified, renamed files). */
export async function listStagedBlobs(cwd: string, fs: AuditFileSystem): Promise<GitBlob[]> {
  const top = await gitTopLevel(cwd, fs);
  const names = (await fs.git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], top)).toString('utf8').split('\0');
  const blobs = names
    .filter((name) => name.length > 0 && !isSkippedPath(name) && fileKindOf(name) !== undefined)
    .map((name) => ({ rel: toRelative(cwd, join(top, name)), spec: `:${name}` }));
  return withSizes(blobs, top, fs);
}

const COMMIT_MARK = '\u001e';

/**
 * --git-history: every committed version of every candidate file, on every ref, newest first.
 * A secret deleted later is still in the history, so it is still leaked.
 */
export async function listHistoryBlobs(cwd: string, fs: AuditFileSystem): Promise<GitBlob[]> {
  const top = await gitTopLevel(cwd, fs);
  const log = await fs.git(['log', '--all', `--format=${COMMIT_MARK}%H%x1f%an%x1f%aI`, '--name-only', '--diff-filter=AMR', '--no-renames'], top);
  const blobs: GitBlob[] = [];
  for (const block of log.toString('utf8').split(COMMIT_MARK)) {
    const [header, ...names] = block.split('\n');
    const [commit, author, date] = (header ?? '').split('\u001f');
    if (!commit || author === undefined || date === undefined) continue;
    for (const name of names) {
      if (name.length === 0 || isSkippedPath(name) || fileKindOf(name) === undefined) continue;
      blobs.push({ rel: toRelative(cwd, join(top, name)), spec: `${commit}:${name}`, commit: { commit, author, date } });
    }
  }
  return withSizes(blobs, top, fs);
}

/** Blob sizes from the object database in one `git cat-file --batch-check`, so no blob over the cap is ever read. */
async function withSizes(blobs: GitBlob[], top: string, fs: AuditFileSystem): Promise<GitBlob[]> {
  if (blobs.length === 0) return blobs;
  const input = `${blobs.map((blob) => blob.spec.replace(/\n/g, '')).join('\n')}\n`;
  const lines = (await fs.git(['cat-file', '--batch-check=%(objectsize)'], top, input)).toString('utf8').split('\n');
  return blobs.map((blob, i) => {
    const size = Number(lines[i]);
    return Number.isFinite(size) && /^\d+$/.test(lines[i] ?? '') ? { ...blob, size } : blob;
  });
}

/** `:path` and `<commit>:path` name the path from the top of the work tree, from any folder in it. */
export async function readBlob(blob: GitBlob, cwd: string, fs: AuditFileSystem): Promise<Buffer> {
  return fs.git(['cat-file', 'blob', blob.spec], cwd);
}
