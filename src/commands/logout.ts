import type { Command } from 'commander';
import { examples, notAvailable, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface LogoutOptions {
  url: string | undefined;
  all: boolean;
}

export type LogoutRun = (options: LogoutOptions, runtime: Runtime) => Promise<number>;

export function registerLogout(parent: Command, ctx: CommandContext, run: LogoutRun = runLogout): void {
  parent
    .command('logout')
    .summary('revoke and delete a stored credential')
    .argument('[url]', 'the MCP server URL', parseUrl)
    .option('--all', 'log out of every server', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth logout https://mcp.example.com/mcp', 'revoke at the authorization server, then delete locally'],
        ['mcpauth logout --all', 'log out everywhere'],
      ]),
    )
    .action(async (url: string | undefined, flags: Omit<LogoutOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

export async function runLogout(_options: LogoutOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('logout');
}
