import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Harness } from '../harness/index.js';

const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));

export interface DemoRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DemoRunOptions {
  /** Exit codes this step expects; anything else fails the demo. Default [0]. */
  expect?: number[];
  stdin?: string;
  env?: Record<string, string>;
}

/** What every demo step gets: the running servers, an isolated home, and a way to run mcpauth. */
export interface DemoContext {
  harness: Harness;
  /** MCPAUTH_HOME for this demo run: a temp dir, removed at the end. */
  home: string;
  /** True on a terminal: a step may pause for the user (e.g. approve in the browser). */
  interactive: boolean;
  mcpauth(args: string[], options?: DemoRunOptions): Promise<DemoRun>;
  say(text: string): void;
}

export interface DemoStep {
  title: string;
  run(ctx: DemoContext): Promise<void>;
}

/** Runs the built CLI as a user would, echoing the command and its output. */
export function createMcpauthRunner(home: string, write: (text: string) => void) {
  return (args: string[], options: DemoRunOptions = {}): Promise<DemoRun> =>
    new Promise((resolve, reject) => {
      write(`\n$ mcpauth ${args.map((a) => (/[\s"'$]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...process.env, MCPAUTH_HOME: home, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        write(chunk.toString());
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        write(chunk.toString());
      });
      child.stdin.end(options.stdin ?? '');
      child.on('error', reject);
      child.on('close', (code) => {
        const expected = options.expect ?? [0];
        const exit = code ?? 1;
        if (!expected.includes(exit)) {
          reject(new Error(`mcpauth ${args[0] ?? ''} exited ${exit}, expected ${expected.join(' or ')}`));
          return;
        }
        resolve({ code: exit, stdout, stderr });
      });
    });
}
