import type { Command } from 'commander';
import { examples, notAvailable, parseUrl, runAction, type CommandContext } from '../command-context.js';
import type { Runtime } from '../runtime.js';

export interface TokenPrintOptions {
  url: string;
}

export type TokenPrintRun = (options: TokenPrintOptions, runtime: Runtime) => Promise<number>;

export function registerTokenPrint(parent: Command, ctx: CommandContext, run: TokenPrintRun = runTokenPrint): void {
  parent
    .command('print')
    .summary('print a fresh access token for a server (the only command that prints one)')
    .argument('<url>', 'the MCP server URL', parseUrl)
    .addHelpText(
      'after',
      examples([
        ['curl -H "Authorization: Bearer $(mcpauth token print https://mcp.example.com/mcp)" …', 'use the token in a script'],
      ]),
    )
    .action(async (url: string, _flags: object, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ url }, runtime));
    });
}

export async function runTokenPrint(_options: TokenPrintOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('token print');
}
