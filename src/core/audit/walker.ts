import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AuditFileSystem } from './audit-fs.js';
import { fileKindOf } from './parse-config.js';

export interface CandidateFile {
  abs: string;
  /** Relative to the working directory, with forward slashes. */
  rel: string;
}

// Never worth reading, whatever .gitignore says.
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/** Relative to the working directory; for a scan root outside it, relative to that root. */
export function toRelative(cwd: string, abs: string, root?: string): string {
  let rel = relative(cwd, abs);
  if (root !== undefined && (rel === '..' || rel.startsWith(`..${sep}`))) rel = relative(root, abs) || basename(abs);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

export function isSkippedPath(rel: string): boolean {
  return rel.split('/').some((part) => ALWAYS_SKIPPED.has(part));
}

/**
 * Walks once and keeps only candidate names (JSON/JSONC/TOML/YAML and .env*). Inside a git
 * work tree with gitignore on, git itself lists the files (tracked plus untracked-not-ignored),
 * which is both exact about .gitignore and faster than walking.
 */
export async function discoverFiles(paths: readonly string[], cwd: string, fs: AuditFileSystem, gitignore: boolean): Promise<CandidateFile[]> {
  const found = new Map<string, CandidateFile>();
  for (const path of paths) {
    const abs = isAbsolute(path) ? path : resolve(cwd, path);
    const info = await fs.stat(abs);
    if (info.isFile) {
      if (fileKindOf(abs)) found.set(abs, { abs, rel: toRelative(cwd, abs, abs) });
      continue;
    }
    const listed = (gitignore ? await listWithGit(abs, fs) : undefined) ?? (await walk(abs, fs));
    for (const file of listed) found.set(file, { abs: file, rel: toRelative(cwd, file, abs) });
  }
  return [...found.values()].sort((a, b) => a.rel.localeCompare(b.rel));
}

async function listWithGit(dir: string, fs: AuditFileSystem): Promise<string[] | undefined> {
  let output: Buffer;
  try {
    output = await fs.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], dir);
  } catch {
    return undefined;
  }
  return output
    .toString('utf8')
    .split('\0')
    .filter((rel) => rel.length > 0 && !isSkippedPath(rel) && fileKindOf(rel) !== undefined)
    .map((rel) => join(dir, rel));
}

async function walk(root: string, fs: AuditFileSystem): Promise<string[]> {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() ?? root;
    let entries: Awaited<ReturnType<AuditFileSystem['readDir']>>;
    try {
      entries = await fs.readDir(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory && !ALWAYS_SKIPPED.has(entry.name)) stack.push(join(dir, entry.name));
      else if (entry.isFile && fileKindOf(entry.name)) files.push(join(dir, entry.name));
    }
  }
  return files;
}
