import type { Command, Option } from 'commander';
import type { CommandSpec, OptionSpec } from '../output/completions/command-spec.js';
import { renderBashCompletion } from '../output/completions/bash.js';
import { renderFishCompletion } from '../output/completions/fish.js';
import { renderZshCompletion } from '../output/completions/zsh.js';
import { examples, parseChoice, type CommandContext } from './command-context.js';
import { isInternalCommand } from './complete-servers.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

function toOptionSpec(option: Option): OptionSpec {
  const spec: OptionSpec = {
    flags: [option.short, option.long].filter((flag): flag is string => typeof flag === 'string'),
    description: option.description,
    takesValue: option.required || option.optional,
    choices: option.argChoices ?? (option.parseArg as { choices?: string[] } | undefined)?.choices?.slice(),
  };
  if (option.long?.endsWith('-env') === true) spec.valueKind = 'env';
  if (option.long === '--server') spec.valueKind = 'server-url';
  return spec;
}

/** The commander tree as plain data (help left out); global options are repeated on every subcommand. */
export function describeCommand(command: Command, globals: OptionSpec[] = []): CommandSpec {
  const own = command.options.filter((o) => !o.hidden).map(toOptionSpec);
  const ownFlags = new Set(own.flatMap((o) => o.flags));
  const inherited = globals.filter((o) => !o.flags.some((flag) => ownFlags.has(flag))).map((o) => ({ ...o, global: true }));
  const nextGlobals = command.parent === null ? own.filter((o) => !o.flags.includes('--help')) : globals;
  const spec: CommandSpec = {
    name: command.name(),
    summary: command.summary() || command.description().split('\n')[0] || '',
    options: [...own, ...inherited],
    commands: command.commands.filter((c) => c.name() !== 'help' && !isInternalCommand(c.name())).map((child) => describeCommand(child, nextGlobals)),
  };
  const choices = command.registeredArguments.flatMap((argument) => argument.argChoices ?? (argument.parseArg as { choices?: string[] } | undefined)?.choices ?? []);
  if (choices.length > 0) spec.argumentChoices = [...choices];
  // Every command argument named <url>/[url] is an MCP server URL (login, call, status, setup …).
  const serverUrlArgument = command.registeredArguments.findIndex((argument) => argument.name() === 'url');
  if (serverUrlArgument >= 0) spec.serverUrlArgument = serverUrlArgument;
  return spec;
}

export function renderCompletion(shell: Shell, root: Command): string {
  const spec = describeCommand(root);
  if (shell === 'bash') return renderBashCompletion(spec);
  if (shell === 'zsh') return renderZshCompletion(spec);
  return renderFishCompletion(spec);
}

export function registerCompletion(parent: Command, ctx: CommandContext): void {
  parent
    .command('completion')
    .summary('print the shell completion script for bash, zsh or fish')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`, parseChoice(SHELLS))
    .addHelpText(
      'after',
      examples([
        ['mcpauth completion bash > /etc/bash_completion.d/mcpauth', 'install for bash'],
        ['mcpauth completion zsh > "${fpath[1]}/_mcpauth"', 'install for zsh'],
        ['mcpauth completion fish > ~/.config/fish/completions/mcpauth.fish', 'install for fish'],
      ]),
    )
    .action((shell: Shell, _flags: object, command: Command) => {
      const root = command.parent ?? command;
      const script = renderCompletion(shell, root);
      // --json keeps its promise here too: one document, the script inside it.
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      ctx.deps.io.stdout.write(json ? `${JSON.stringify({ shell, script })}\n` : script);
      ctx.exitCode = 0;
    });
}
