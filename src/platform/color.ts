import type { IO } from './io.js';

/**
 * Whether colour may be used on a stream, decided once: NO_COLOR (any non-empty value) wins,
 * then FORCE_COLOR, then whether the stream is a terminal. `--no-color` and `--json` are applied
 * on top of this by the command (see commands/runtime.ts).
 */
export function colorAllowed(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

export interface ColorDecision {
  stdout: boolean;
  stderr: boolean;
}

export function decideColor(env: Readonly<Record<string, string | undefined>>, io: Pick<IO, 'stdoutIsTTY' | 'stderrIsTTY'>): ColorDecision {
  return { stdout: colorAllowed(env, io.stdoutIsTTY), stderr: colorAllowed(env, io.stderrIsTTY) };
}
