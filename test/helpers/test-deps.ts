import type { Deps } from '../../src/commands/deps.js';
import { decideColor } from '../../src/platform/color.js';
import { createCapturedIO, type CapturedIO } from '../../src/platform/io.js';

export interface TestDepsOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  stdin?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  signal?: AbortSignal;
}

/** Deps for running the CLI in-process: captured IO, a clean env, the real fetch unless replaced. */
export function createTestDeps(options: TestDepsOptions = {}): Deps & { io: CapturedIO } {
  const tty = options.tty ?? false;
  const io = createCapturedIO({ stdoutIsTTY: tty, stderrIsTTY: tty, stdinIsTTY: tty, stdin: options.stdin });
  const env = options.env ?? {};
  return {
    io,
    env,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? (() => new Date()),
    clock: () => performance.now(),
    signal: options.signal ?? new AbortController().signal,
    cwd: process.cwd(),
    color: decideColor(env, io),
  };
}
