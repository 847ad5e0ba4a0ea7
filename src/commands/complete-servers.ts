import type { Command } from 'commander';
import type { CommandContext } from './command-context.js';

/**
 * The hidden command the completion scripts run to offer stored server URLs. Internal commands
 * start with "__": they are left out of help, the completion scripts and the CLI contract
 * (docs/cli-contract.md), and stage one (src/startup/start.ts) runs this one without loading
 * the command tree, so a Tab press costs about as much as `mcpauth --version`.
 */
export const COMPLETE_SERVERS_COMMAND = '__complete-servers';

export function isInternalCommand(name: string): boolean {
  return name.startsWith('__');
}

/**
 * Writes one stored server URL per line. Never fails and never writes to stderr: whatever goes
 * wrong (no store yet, a refused or corrupt file) just means no candidates, because anything
 * printed here lands in the middle of the user's command line.
 */
export async function completeServers(env: Readonly<Record<string, string | undefined>>, write: (text: string) => void): Promise<void> {
  try {
    const { readStoredServerUrls } = await import('../platform/store/stored-server-urls.js');
    const { serverUrlLines } = await import('../output/server-url-lines.js');
    write(serverUrlLines(await readStoredServerUrls(env)));
  } catch {
    // Silent by design (see above); `mcpauth status` reports the same store problems loudly.
  }
}

export function registerCompleteServers(parent: Command, ctx: CommandContext): void {
  parent
    .command(COMPLETE_SERVERS_COMMAND, { hidden: true })
    .description('print the server URLs of stored credentials, one per line (used by the completion scripts)')
    .allowExcessArguments(true)
    .action(async () => {
      await completeServers(ctx.deps.env, (text) => ctx.deps.io.stdout.write(text));
      ctx.exitCode = 0;
    });
}
