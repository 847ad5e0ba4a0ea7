import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AuditFileSystem } from './audit-fs.js';
import type { ExcludedPath, SkippedFile } from './finding.js';
import { fileKindOf } from './parse-config.js';
import type { PathMatcher } from './path-glob.js';

export interface CandidateFile {
  abs: string;
  /** Relative to the working directory, with forward slashes. */
  rel: string;
  /** The real path of the scan root it was found under; a symlink may not lead out of it. */
  root: string;
  /** Named on the command line: read wherever it points. */
  named: boolean;
}

export interface Discovery {
  files: CandidateFile[];
  skipped: SkippedFile[];
  excluded: ExcludedPath[];
}

export interface DiscoveryOptions {
  gitignore: boolean;
  exclude: PathMatcher;
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
 * which is both exact about .gitignore and faster than walking. Nothing is read here: symlinks
 * and file types are checked when each file is opened (inspect-path.ts). A path named on the
 * command line that does not exist, or is a symlink loop, throws (a usage error).
 */
export async function discoverFiles(paths: readonly string[], cwd: string, fs: AuditFileSystem, options: DiscoveryOptions): Promise<Discovery> {
  const found = new Map<string, CandidateFile>();
  const out: Discovery = { files: [], skipped: [], excluded: [] };
  for (const path of paths) {
    const abs = isAbsolute(path) ? path : resolve(cwd, path);
    const real = await fs.realpath(abs);
    const info = await fs.lstat(real);
    if (info.type === 'file') {
      found.set(abs, { abs, rel: toRelative(cwd, abs, abs), root: real, named: true });
    } else if (info.type === 'directory') {
      const listed = (options.gitignore ? await listWithGit(abs, cwd, fs, options, out) : undefined) ?? (await walk(abs, cwd, fs, options, out));
      for (const file of listed) found.set(file, { abs: file, rel: toRelative(cwd, file, abs), root: real, named: false });
    } else {
      out.skipped.push({ file: toRelative(cwd, abs, abs), reason: 'not-a-regular-file', detail: `a ${info.type}, not a file or folder` });
    }
  }
  out.files = [...found.values()].sort((a, b) => a.rel.localeCompare(b.rel));
  return out;
}

async function listWithGit(dir: string, cwd: string, fs: AuditFileSystem, options: DiscoveryOptions, out: Discovery): Promise<string[] | undefined> {
  let output: Buffer;
  try {
    output = await fs.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.'], dir);
  } catch {
    return undefined;
  }
  const excluded = new Map<string, ExcludedPath['reason']>();
  const files: string[] = [];
  for (const name of output.toString('utf8').split('\0')) {
    if (name.length === 0 || fileKindOf(name) === undefined) continue;
    const abs = join(dir, name);
    const rel = toRelative(cwd, abs, dir);
    const always = firstSkippedFolder(rel);
    if (always !== undefined) excluded.set(always, 'always-excluded');
    else if (options.exclude(rel)) excluded.set(rel, 'exclude-option');
    else files.push(abs);
  }
  for (const [path, reason] of excluded) out.excluded.push({ path, reason });
  return files;
}

function firstSkippedFolder(rel: string): string | undefined {
  const parts = rel.split('/');
  const index = parts.findIndex((part) => ALWAYS_SKIPPED.has(part));
  return index < 0 ? undefined : parts.slice(0, index + 1).join('/');
}

async function walk(root: string, cwd: string, fs: AuditFileSystem, options: DiscoveryOptions, out: Discovery): Promise<string[]> {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop() ?? root;
    let entries: Awaited<ReturnType<AuditFileSystem['readDir']>>;
    try {
      entries = await fs.readDir(dir);
    } catch (error) {
      out.skipped.push({ file: toRelative(cwd, dir, root), reason: 'unreadable-directory', detail: errorCode(error) });
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = toRelative(cwd, path, root);
      if (entry.isDirectory && ALWAYS_SKIPPED.has(entry.name)) out.excluded.push({ path: rel, reason: 'always-excluded' });
      else if (options.exclude(rel)) out.excluded.push({ path: rel, reason: 'exclude-option' });
      else if (entry.isDirectory) stack.push(path);
      // FIFOs, sockets and devices with a config's name are candidates too: opening them reports what they are.
      else if (fileKindOf(entry.name)) files.push(path);
      else if (entry.isSymlink && (await isDirectory(fs, path))) out.skipped.push({ file: rel, reason: 'symlinked-directory', detail: 'symlinked folders are not followed (loops, and paths outside the scan root)' });
    }
  }
  return files;
}

async function isDirectory(fs: AuditFileSystem, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message.split('\n')[0] ?? 'error' : String(error));
}
