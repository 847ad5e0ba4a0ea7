import type { Command } from 'commander';
import { examples, notAvailable, parseChoice, parseDuration, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export const ROTATE_TARGETS = ['env', 'print'] as const;

export interface RotateOptions {
  url: string | undefined;
  all: boolean;
  /** Seconds; only rotate credentials expiring within this window. */
  ifExpiringWithin: number | undefined;
  client: boolean;
  config: string | undefined;
  to: (typeof ROTATE_TARGETS)[number];
  write: boolean;
}

export type RotateRun = (options: RotateOptions, runtime: Runtime) => Promise<number>;

export function registerRotate(parent: Command, ctx: CommandContext, run: RotateRun = runRotate): void {
  parent
    .command('rotate')
    .summary('refresh stored credentials, or move static secrets out of config files')
    .argument('[url]', 'the MCP server whose credential to refresh', parseUrl)
    .option('--all', 'refresh every stored credential', false)
    .option('--if-expiring-within <duration>', 'only refresh credentials expiring within this time (e.g. 10m, 1h)', parseDuration)
    .option('--client', 'register a new dynamic client and drop the old one', false)
    .option('--config <file>', 'move literal secrets in this MCP config into environment references')
    .option('--to <target>', `where moved secrets go (${ROTATE_TARGETS.join(', ')})`, parseChoice(ROTATE_TARGETS), 'env')
    .option('--write', 'apply the config change (default: show the diff only)', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth rotate --all --if-expiring-within 1h', 'for cron: refresh what expires within the hour'],
        ['mcpauth rotate --config .mcp.json', 'show how the secrets would move out of the file'],
        ['mcpauth rotate --config .mcp.json --write', 'move them into a git-ignored .env'],
      ]),
    )
    .action(async (url: string | undefined, flags: Omit<RotateOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

export async function runRotate(_options: RotateOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('rotate');
}
