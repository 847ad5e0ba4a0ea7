import type { Runtime } from '../commands/runtime.js';
import { CliError } from '../errors.js';

/**
 * Asks a yes/no question on the terminal. Without a terminal (a pipe, CI, --no-input) it never waits:
 * it fails with the flag that answers the question instead.
 */
export async function confirmOrFlag(runtime: Pick<Runtime, 'canPrompt' | 'deps'> & Partial<Pick<Runtime, 'progress'>>, message: string, flag: string, defaultAnswer = false): Promise<boolean> {
  if (!runtime.canPrompt) {
    throw new CliError('usage', `${message.replace(/\?$/, '')}: this needs an answer, and prompting is off here.`, {
      hint: `Pass ${flag} to answer yes without a prompt.`,
    });
  }
  const { confirm } = await import('@inquirer/prompts');
  // Prompts are not data: they go to stderr, so `mcpauth … | jq` still works.
  const { stdinStream, stderrStream } = runtime.deps.io;
  // The prompt owns the terminal while it waits: no spinner draws over it.
  runtime.progress?.pause();
  try {
    return await confirm({ message, default: defaultAnswer }, { input: stdinStream, output: stderrStream, signal: runtime.deps.signal });
  } finally {
    runtime.progress?.resume();
  }
}
