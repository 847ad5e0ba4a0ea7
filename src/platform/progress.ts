import type { Runtime } from '../commands/runtime.js';
import { usableColumns } from './io.js';

/** A spinner on stderr for slow network work; silent when stderr is not a terminal or in CI. */
export interface Progress {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

export const silentProgress: Progress = { update: () => undefined, succeed: () => undefined, fail: () => undefined, stop: () => undefined };

type TerminalStream = NodeJS.WritableStream & { columns?: number; rows?: number; once(event: string, listener: () => void): unknown };

/**
 * What ora sees instead of the raw stream. ora divides by `stream.columns` to count the lines it must
 * erase: a terminal that reports 0 columns made that Infinity, and its erase loop (ESC[1A ESC[0K) ran
 * forever on the main thread, so not even SIGTERM got through. Here the width is never below 1 (0 or
 * unknown = 80), and the text is cut to one line, so each frame erases exactly one line.
 */
export function boundedTerminal(stream: TerminalStream): TerminalStream {
  const write = (text: string): boolean => stream.write(text);
  return Object.assign(Object.create(null) as object, {
    isTTY: true,
    get columns() {
      return usableColumns(stream.columns);
    },
    get rows() {
      return stream.rows;
    },
    write: (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => (stream.write as (...args: unknown[]) => boolean)(chunk, encoding, callback),
    cursorTo: (x: number) => write(`\u001b[${Math.max(0, Math.floor(x)) + 1}G`),
    moveCursor: (dx: number, dy: number) => write(`${dy < 0 ? `\u001b[${-dy}A` : dy > 0 ? `\u001b[${dy}B` : ''}${dx < 0 ? `\u001b[${-dx}D` : dx > 0 ? `\u001b[${dx}C` : ''}`),
    clearLine: (direction: number) => write(direction === 1 ? '\u001b[0K' : direction === -1 ? '\u001b[1K' : '\u001b[2K'),
    once: (event: string, listener: () => void) => stream.once(event, listener),
    on: (event: string, listener: () => void) => stream.on(event, listener),
    off: (event: string, listener: () => void) => stream.off(event, listener),
    removeListener: (event: string, listener: () => void) => stream.removeListener(event, listener),
  }) as unknown as TerminalStream;
}

/** One line of at most `columns - 3` characters (the frame and a space come before it). */
export function oneLine(text: string, columns: number): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const room = Math.max(10, columns - 3);
  return flat.length <= room ? flat : `${flat.slice(0, room - 1)}…`;
}

/** `stillWanted` is asked again once ora has loaded: the step may have ended meanwhile, and a frame drawn then would come after the result. */
export async function startProgress(runtime: Pick<Runtime, 'showProgress' | 'deps' | 'globals'>, text: string, stillWanted: () => boolean = () => true): Promise<Progress> {
  const raw = runtime.deps.io.stderrStream as TerminalStream | undefined;
  if (!runtime.showProgress || raw === undefined || runtime.deps.signal.aborted) return silentProgress;
  const stream = boundedTerminal(raw);
  const fit = (value: string): string => oneLine(value, stream.columns ?? 80);
  // ora costs ~70 ms to import: only paid when a spinner is really shown.
  const { default: ora } = await import('ora');
  if (runtime.deps.signal.aborted || !stillWanted()) return silentProgress;
  const spinner = ora({ text: fit(text), stream: stream as NodeJS.WritableStream, color: 'cyan', isEnabled: true, discardStdin: false }).start();
  if (!runtime.globals.color || !runtime.deps.color.stderr) spinner.color = 'white';
  // Ctrl-C or SIGTERM: the spinner's timer must not keep the process alive or draw after the message.
  const onAbort = (): void => void spinner.stop();
  runtime.deps.signal.addEventListener('abort', onAbort, { once: true });
  const done = (finish: () => void): void => {
    runtime.deps.signal.removeEventListener('abort', onAbort);
    if (spinner.isSpinning) finish();
  };
  return {
    update: (next) => void (spinner.text = fit(next)),
    succeed: (message) => done(() => spinner.succeed(message === undefined ? undefined : fit(message))),
    fail: (message) => done(() => spinner.fail(message === undefined ? undefined : fit(message))),
    stop: () => done(() => spinner.stop()),
  };
}
