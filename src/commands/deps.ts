import type { ColorDecision } from '../platform/color.js';
import type { IO } from '../platform/io.js';

/**
 * Everything a command may touch outside itself. main.ts builds the real one; tests build their
 * own. Core functions receive only the part they use (Pick<Deps, 'fetch' | 'now'>).
 */
export interface Deps {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
  now: () => Date;
  /** Monotonic milliseconds, for durations. */
  clock: () => number;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  cwd: string;
  color: ColorDecision;
  /** This program as a client config would start it: node's absolute path and our bin script (setup). */
  executable?: { node: string; script: string | undefined };
  /** An internal error's stack for a bug report (the CLI maps bundle positions back to src/); default: error.stack. */
  stackTrace?: (error: Error) => string;
}

/** The flags every command accepts (declared on the root program). */
export interface GlobalOptions {
  json: boolean;
  color: boolean;
  verbose: boolean;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  input: boolean;
  allowHttp: boolean;
  /** --allow-private: server-supplied URLs may lead to private, link-local and metadata addresses. */
  allowPrivate?: boolean;
  /**
   * The URLs the user typed (arguments and options): their hosts, and the kinds of network they are
   * on, are trusted. Set by runAction; without it (direct runtime in tests) no address rule applies.
   */
  targets?: string[];
}

export function isCI(env: Deps['env']): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
