import { execFile } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';

/** The outside world the audit touches: files and git. Tests may pass their own. */
export interface AuditFileSystem {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, text: string): Promise<void>;
  stat(path: string): Promise<{ size: number; isFile: boolean; isDirectory: boolean }>;
  readDir(path: string): Promise<Array<{ name: string; isFile: boolean; isDirectory: boolean }>>;
  /** Runs git with these arguments in `cwd`; rejects when git fails or is missing. */
  git(args: readonly string[], cwd: string): Promise<Buffer>;
}

// History scans can print a lot: a generous cap, still bounded.
const GIT_MAX_BUFFER = 256 * 1024 * 1024;

export function createNodeAuditFileSystem(): AuditFileSystem {
  return {
    readFile: (path) => readFile(path),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    async stat(path) {
      const info = await stat(path);
      return { size: info.size, isFile: info.isFile(), isDirectory: info.isDirectory() };
    },
    async readDir(path) {
      const entries = await readdir(path, { withFileTypes: true });
      return entries.map((entry) => ({ name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory() }));
    },
    git: (args, cwd) =>
      new Promise((resolve, reject) => {
        execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, encoding: 'buffer', maxBuffer: GIT_MAX_BUFFER }, (error, stdout) => {
          if (error) reject(error);
          else resolve(stdout);
        });
      }),
  };
}
