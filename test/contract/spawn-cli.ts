import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI as a user runs it (`npm test` builds dist/ first). */
export const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));

/** More than any command ever writes; reaching it means an unbounded write (the 0-column hang wrote 208 MB). */
export const OUTPUT_CAP = 256 * 1024;
/** A liveness bound, not a speed check: a case still running after this is a hang. */
export const LIVENESS_MS = 45_000;

export type Terminal = { kind: 'pipe' } | { kind: 'pty'; columns: number };

export interface SpawnOptions {
  terminal: Terminal;
  env: Record<string, string>;
  stdin?: string;
  /** Send this signal once `ready()` is true (polled), e.g. when the server got the request. */
  interrupt?: { signal: 'SIGTERM' | 'SIGINT'; ready: (outputSoFar: string) => boolean };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  /** Empty for a pty: stdout and stderr share the terminal (then `stdout` is everything). */
  stderr: string;
  /** The interrupt was sent (the process was still running when `ready()` became true). */
  interrupted: boolean;
  /** Output went past OUTPUT_CAP, or the process outlived LIVENESS_MS (it was then killed). */
  runaway: 'output' | 'hang' | undefined;
}

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/** The pid of `script`'s child (the exec'd node process), for signalling it and not `script`. */
function childOf(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    const child = Number(children[0]);
    return Number.isInteger(child) && child > 0 ? child : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `mcpauth args` in a pipe, or in a pseudo-terminal made by util-linux `script` with `stty cols N`
 * (0 reproduces `script` from cron and `docker run -t` before a resize).
 */
export function spawnCli(args: readonly string[], options: SpawnOptions): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', ...options.env };
  const pty = options.terminal.kind === 'pty';
  const command = pty
    ? spawn('script', ['-qec', `stty cols ${options.terminal.kind === 'pty' ? options.terminal.columns : 80} rows 24 2>/dev/null; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`, '/dev/null'], { env })
    : spawn(process.execPath, [BIN, ...args], { env });
  let stdout = '';
  let stderr = '';
  let runaway: CliRun['runaway'];
  let interrupted = false;
  const stop = (reason: 'output' | 'hang'): void => {
    runaway ??= reason;
    const target = pty ? childOf(command.pid ?? 0) : command.pid;
    if (target !== undefined) process.kill(target, 'SIGKILL');
    command.kill('SIGKILL');
  };
  command.stdout.on('data', (chunk: Buffer) => {
    if (stdout.length + stderr.length < OUTPUT_CAP) stdout += chunk.toString('utf8');
    else stop('output');
  });
  command.stderr.on('data', (chunk: Buffer) => {
    if (stdout.length + stderr.length < OUTPUT_CAP) stderr += chunk.toString('utf8');
    else stop('output');
  });
  // stdin stays open for a pty (script ends the session at EOF); a pipe gets its text and EOF.
  if (options.stdin !== undefined) command.stdin.write(options.stdin);
  if (!pty) command.stdin.end();
  const liveness = setTimeout(() => stop('hang'), LIVENESS_MS);
  let poll: NodeJS.Timeout | undefined;
  if (options.interrupt !== undefined) {
    const { signal, ready } = options.interrupt;
    poll = setInterval(() => {
      if (!ready(stdout + stderr)) return;
      const target = pty ? childOf(command.pid ?? 0) : command.pid;
      if (target === undefined) return;
      clearInterval(poll);
      interrupted = true;
      process.kill(target, signal);
    }, 25);
  }
  return new Promise((resolve, reject) => {
    command.on('error', reject);
    command.on('close', (code) => {
      clearTimeout(liveness);
      clearInterval(poll);
      command.stdin.destroy();
      resolve({ code, stdout, stderr, interrupted, runaway });
    });
  });
}
