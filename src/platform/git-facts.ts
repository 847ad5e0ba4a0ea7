import { execFile } from 'node:child_process';
import { relative } from 'node:path';

/** What `rotate --config` must know from git before it writes anything. */
export interface GitFacts {
  /** The work-tree root, or undefined outside a repository (or without git). */
  root: string | undefined;
  isTracked(path: string): Promise<boolean>;
  isIgnored(path: string): Promise<boolean>;
  /** Which of `secrets` appear in any committed version of `path` (all refs). */
  committedSecrets(path: string, secrets: readonly string[]): Promise<Set<string>>;
}

function git(args: string[], cwd: string, maxBuffer = 1024 * 1024): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer, windowsHide: true }, (error, stdout) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

export async function readGitFacts(dir: string): Promise<GitFacts> {
  const top = await git(['rev-parse', '--show-toplevel'], dir);
  const root = top.code === 0 ? top.stdout.trim() : undefined;
  if (root === undefined) {
    return { root, isTracked: async () => false, isIgnored: async () => false, committedSecrets: async () => new Set() };
  }
  const rel = (path: string) => relative(root, path) || '.';
  return {
    root,
    isTracked: async (path) => (await git(['ls-files', '--error-unmatch', '--', rel(path)], root)).code === 0,
    isIgnored: async (path) => (await git(['check-ignore', '-q', '--', rel(path)], root)).code === 0,
    async committedSecrets(path, secrets) {
      // The secrets are searched in git's output here, never passed on a command line (ps would show them).
      const log = await git(['log', '--all', '-p', '--format=', '--', rel(path)], root, 64 * 1024 * 1024);
      return new Set(secrets.filter((secret) => secret !== '' && log.stdout.includes(secret)));
    },
  };
}
