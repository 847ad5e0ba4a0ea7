import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli.js';
import type { Deps } from '../../src/commands/deps.js';
import { createCapturedIO, type CapturedIO } from '../../src/platform/io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The consent-driver browser, as a program line for --browser (split on spaces, no shell). */
export const CONSENT_BROWSER = `${ROOT}node_modules/.bin/tsx ${ROOT}test/commands/fixtures/consent-browser.ts`;

export interface CliRun {
  code: number;
  out: string;
  err: string;
  io: CapturedIO;
}

/** Runs the CLI in-process with an isolated store; `env` adds to it. */
export async function runMcpauth(argv: string[], env: Record<string, string>, options: { signal?: AbortSignal; io?: CapturedIO } = {}): Promise<CliRun> {
  const io = options.io ?? createCapturedIO();
  const deps: Deps = {
    io,
    env: { MCPAUTH_NO_KEYCHAIN: '1', PATH: process.env.PATH, ...env },
    fetch: globalThis.fetch,
    now: () => new Date(),
    clock: () => performance.now(),
    signal: options.signal ?? new AbortController().signal,
    cwd: ROOT,
    color: { stdout: false, stderr: false },
  };
  const code = await runCli(argv, deps);
  return { code, out: io.out(), err: io.err(), io };
}
