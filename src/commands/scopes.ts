import type { Command } from 'commander';
import { examples, notAvailable, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface ScopesOptions {
  url: string;
  tool: string | undefined;
}

export type ScopesRun = (options: ScopesOptions, runtime: Runtime) => Promise<number>;

export function registerScopes(parent: Command, ctx: CommandContext, run: ScopesRun = runScopes): void {
  parent
    .command('scopes')
    .summary('what a server offers, what your token holds, and what a call needs')
    .argument('<url>', 'the MCP server URL', parseUrl)
    .option('--tool <name>', 'also find out which scopes this tool needs (calls it)')
    .addHelpText(
      'after',
      examples([
        ['mcpauth scopes https://mcp.example.com/mcp', 'offered vs held scopes'],
        ['mcpauth scopes https://mcp.example.com/mcp --tool admin-reset', 'what this tool needs, and the command that fixes it'],
      ]),
    )
    .action(async (url: string, flags: Omit<ScopesOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

export async function runScopes(_options: ScopesOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('scopes');
}
