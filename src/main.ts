import type { Deps } from './commands/deps.js';
import { CliError, EXIT_CODES } from './errors.js';
import { decideColor } from './platform/color.js';
import { createProcessIO } from './platform/io.js';
import { VERSION } from './version.js';

/** How long clean-up may take after SIGINT/SIGTERM before the process ends anyway. */
export const SIGNAL_GRACE_MS = 2000;
/** A second SIGINT/SIGTERM sooner than this after the first is an echo, not the user insisting. */
const REPEAT_INTERRUPT_MS = 300;

/**
 * The only place that touches the process: argv, env, stdio and signals in, an exit code out.
 * bin/mcpauth.js sets process.exitCode from the result; nothing calls process.exit() on the
 * normal path, so pending output is always flushed.
 */
export async function main(proc: NodeJS.Process): Promise<number> {
  const io = createProcessIO(proc);
  const argv = proc.argv.slice(2);
  // Scripts call `--version` often; answer it without loading the command tree.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_CODES.ok;
  }
  const controller = new AbortController();
  let interrupts = 0;
  let firstInterrupt = 0;
  const onInterrupt = (): void => {
    interrupts += 1;
    // A second Ctrl-C means "now": stop waiting for clean-up. A library's exit hook (conf's atomic
    // writer) re-raises the signal it saw at once; that echo is not a second Ctrl-C.
    if (interrupts > 1 && performance.now() - firstInterrupt > REPEAT_INTERRUPT_MS) proc.exit(EXIT_CODES.cancelled);
    if (interrupts > 1) return;
    firstInterrupt = performance.now();
    controller.abort(new CliError('cancelled', 'cancelled.'));
    // Every wait listens to the signal; this bound covers one that does not (a stuck prompt, a
    // library timer), so SIGTERM from a supervisor always ends the process. unref: a clean finish
    // is never delayed by it.
    setTimeout(() => proc.exit(EXIT_CODES.cancelled), SIGNAL_GRACE_MS).unref();
  };
  proc.on('SIGINT', onInterrupt);
  proc.on('SIGTERM', onInterrupt);
  let color: ReturnType<typeof decideColor> | undefined;
  const deps: Deps = {
    io,
    env: proc.env,
    fetch: globalThis.fetch,
    now: () => new Date(),
    clock: () => performance.now(),
    signal: controller.signal,
    cwd: proc.cwd(),
    executable: { node: proc.execPath, script: proc.argv[1] },
    // Decided once, on first use: --help and --version never need it.
    get color() {
      return (color ??= decideColor(proc.env, io));
    },
  };
  try {
    // Loaded after the --version fast path, so that answer never pays for the command tree.
    const { runCli } = await import('./cli.js');
    const code = await runCli(argv, deps);
    return controller.signal.aborted ? EXIT_CODES.cancelled : code;
  } finally {
    proc.off('SIGINT', onInterrupt);
    proc.off('SIGTERM', onInterrupt);
  }
}
