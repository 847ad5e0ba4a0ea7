import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../errors.js';
import type { Deps, GlobalOptions } from './deps.js';
import type { Runtime } from './runtime.js';

/** Shared by every command registration: the deps, and where an action leaves its exit code. */
export interface CommandContext {
  deps: Deps;
  exitCode: number;
  /** What commander reported when argv did not parse (for the --json error envelope). */
  parseFailure?: { message: string; hint: string };
}

export function readGlobals(command: Command): GlobalOptions {
  const all = command.optsWithGlobals<{
    json?: boolean;
    color?: boolean;
    verbose?: boolean;
    timeout?: number;
    input?: boolean;
    allowHttp?: boolean;
    allowPrivate?: boolean;
  }>();
  return {
    json: all.json === true,
    color: all.color !== false,
    verbose: all.verbose === true,
    timeoutMs: Math.round((all.timeout ?? 10) * 1000),
    input: all.input !== false,
    allowHttp: all.allowHttp === true,
    allowPrivate: all.allowPrivate === true,
    targets: typedUrls(command),
  };
}

/** Every http(s) URL the user typed as an argument or option value of this command. */
function typedUrls(command: Command): string[] {
  const values = [...command.processedArgs, ...Object.values(command.opts())].flat();
  return values.filter((value): value is string => typeof value === 'string' && /^https?:\/\//i.test(value));
}

/** Runs an action with a runtime built from the command's flags, and records its exit code. */
export async function runAction(ctx: CommandContext, command: Command, run: (runtime: Runtime) => Promise<number>): Promise<void> {
  // Loaded here, not at start-up: the HTTP layer and crypto are not needed for --help.
  const { createRuntime } = await import('./runtime.js');
  const runtime = await createRuntime(ctx.deps, readGlobals(command));
  try {
    ctx.exitCode = await run(runtime);
    if (ctx.deps.signal.aborted) throw new CliError('cancelled', 'cancelled.');
  } finally {
    runtime.progress.dispose();
  }
}

/** The standard "not in this version yet" outcome, for commands whose issue is not done. */
export function notAvailable(command: string): CliError {
  return new CliError('not-available', `'mcpauth ${command}' is not available in this version yet.`, {
    hint: "Run 'mcpauth --help' to see what this version can do.",
  });
}

export function examples(lines: ReadonlyArray<readonly [string, string]>): string {
  const body = lines.map(([command, what]) => `  $ ${command}\n      ${what}`).join('\n');
  return `\nExamples:\n${body}\n`;
}

/** A parser that accepts one of `choices`; the list rides along so completions can offer it. */
export type ChoiceParser<T extends string> = ((value: string) => T) & { choices: readonly T[] };

export function parseChoice<T extends string>(choices: readonly T[]): ChoiceParser<T> {
  const parse = (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${choices.join(', ')}.`);
  };
  return Object.assign(parse, { choices });
}

/** A positive number of seconds for a timer: at most a day (timers overflow past 24.8 days). */
export function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number.');
  if (number > 86_400) throw new InvalidArgumentError('expected at most 86400 (a day).');
  return number;
}

export function parsePort(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535.');
  return number;
}

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90s", "10m", "1h", "2d" -> seconds, at most a year. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,12}(?:\.\d{1,6})?)([smhd])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 90s, 10m, 1h or 2d.');
  const seconds = Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1);
  if (seconds > 366 * 86_400) throw new InvalidArgumentError('expected a duration of at most 366d.');
  return seconds;
}

/** Timers hold at most 2^31-1 ms (24.8 days); a per-request timeout beyond an hour is a mistake. */
export const MAX_TIMEOUT_SECONDS = 3600;

export function parseTimeoutSeconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > MAX_TIMEOUT_SECONDS) {
    throw new InvalidArgumentError(`expected a number of seconds greater than 0 and at most ${MAX_TIMEOUT_SECONDS}.`);
  }
  return number;
}

export function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
    // Kept as typed: probe compares the server's `resource` with exactly what was dialled.
    return value;
  } catch {
    throw new InvalidArgumentError(`expected an http(s) URL, got '${value.slice(0, 100)}'.`);
  }
}
