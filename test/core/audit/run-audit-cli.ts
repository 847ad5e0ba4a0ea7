import { runCli } from '../../../src/cli.js';
import type { Deps } from '../../../src/commands/deps.js';
import { createCapturedIO } from '../../../src/platform/io.js';

/** Runs `mcpauth audit-config …` in-process in `cwd`, as piped output unless `tty`. */
export async function runAuditCli(cwd: string, args: readonly string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  const io = createCapturedIO({ stdoutIsTTY: tty, stderrIsTTY: tty });
  const deps: Deps = {
    io,
    env: {},
    fetch: () => Promise.reject(new Error('audit-config must not use the network')),
    now: () => new Date('2026-06-01T00:00:00Z'),
    clock: () => 0,
    signal: new AbortController().signal,
    cwd,
    color: { stdout: tty, stderr: tty },
  };
  const code = await runCli(['audit-config', ...args], deps);
  return { code, out: io.out(), err: io.err() };
}
