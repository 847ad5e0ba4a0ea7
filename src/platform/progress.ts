import type { Runtime } from '../commands/runtime.js';

/** A spinner on stderr for slow network work; silent when stderr is not a terminal or in CI. */
export interface Progress {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, succeed: () => undefined, fail: () => undefined, stop: () => undefined };

export async function startProgress(runtime: Pick<Runtime, 'showProgress' | 'deps' | 'globals'>, text: string): Promise<Progress> {
  const stream = runtime.deps.io.stderrStream;
  if (!runtime.showProgress || stream === undefined) return silent;
  // ora costs ~70 ms to import: only paid when a spinner is really shown.
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream, color: 'cyan', isEnabled: true, discardStdin: false }).start();
  if (!runtime.globals.color || !runtime.deps.color.stderr) spinner.color = 'white';
  return {
    update: (next) => void (spinner.text = next),
    succeed: (done) => void spinner.succeed(done),
    fail: (done) => void spinner.fail(done),
    stop: () => void spinner.stop(),
  };
}
