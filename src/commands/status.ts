import type { Command } from 'commander';
import { examples, notAvailable, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface StatusOptions {
  url: string | undefined;
}

export type StatusRun = (options: StatusOptions, runtime: Runtime) => Promise<number>;

export function registerStatus(parent: Command, ctx: CommandContext, run: StatusRun = runStatus): void {
  parent
    .command('status')
    .summary('show stored credentials: server, issuer, scopes, expiry')
    .argument('[url]', 'only this MCP server (exit 4 when it has no usable credential)', parseUrl)
    .addHelpText(
      'after',
      examples([
        ['mcpauth status', 'every stored credential'],
        ['mcpauth status https://mcp.example.com/mcp --json', 'one server, for scripts'],
      ]),
    )
    .action(async (url: string | undefined, _flags: object, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ url }, runtime));
    });
}

export async function runStatus(_options: StatusOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('status');
}
