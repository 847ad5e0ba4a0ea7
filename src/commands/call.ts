import type { Command } from 'commander';
import { examples, notAvailable, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface CallOptions {
  url: string;
  tool: string | undefined;
  /** Tool arguments as a JSON object text. */
  args: string | undefined;
  stepUp: boolean;
}

export type CallRun = (options: CallOptions, runtime: Runtime) => Promise<number>;

export function registerCall(parent: Command, ctx: CommandContext, run: CallRun = runCall): void {
  parent
    .command('call')
    .summary('list the tools of an MCP server, or call one, with the stored credential')
    .argument('<url>', 'the MCP server URL', parseUrl)
    .argument('[tool]', 'the tool to call (omit to list tools)')
    .option('--args <json>', 'tool arguments as a JSON object')
    .option('--step-up', 'on 403 insufficient_scope, re-authorize with the needed scopes without asking', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth call https://mcp.example.com/mcp', 'list the tools'],
        ['mcpauth call https://mcp.example.com/mcp echo --args \'{"text":"hi"}\'', 'call a tool'],
      ]),
    )
    .action(async (url: string, tool: string | undefined, flags: Omit<CallOptions, 'url' | 'tool'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url, tool }, runtime));
    });
}

export async function runCall(_options: CallOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('call');
}
