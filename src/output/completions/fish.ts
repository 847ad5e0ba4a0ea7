import { commandPaths, GENERATED_NOTICE, STORED_SERVERS_COMMAND, type CommandSpec, type OptionSpec } from './command-spec.js';

// Run by fish at completion time; its output is split into candidates at newlines only.
const STORED_SERVERS = `(${STORED_SERVERS_COMMAND})`;

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function optionArgs(option: OptionSpec): string {
  const parts = option.flags.map((flag) => (flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`));
  if (option.takesValue) parts.push(option.choices ? `-x -a ${quote(option.choices.join(' '))}` : option.valueKind === 'env' ? `-x -a ${quote('(set -n)')}` : option.valueKind === 'server-url' ? `-x -a ${quote(STORED_SERVERS)}` : '-r');
  parts.push(`-d ${quote(option.description)}`);
  return parts.join(' ');
}

function condition(path: string[], spec: CommandSpec, siblings: string[]): string {
  if (path.length === 0) return '__fish_use_subcommand';
  const seen = path.map((name) => `__fish_seen_subcommand_from ${name}`).join('; and ');
  if (spec.commands.length === 0) return seen;
  return `${seen}; and not __fish_seen_subcommand_from ${siblings.join(' ') || spec.commands.map((c) => c.name).join(' ')}`;
}

export function renderFishCompletion(root: CommandSpec): string {
  const lines = [`# fish completion for mcpauth. ${GENERATED_NOTICE}`, 'complete -c mcpauth -f'];
  for (const option of root.options) lines.push(`complete -c mcpauth ${optionArgs(option)}`);
  for (const { path, spec } of [{ path: [] as string[], spec: root }, ...commandPaths(root)]) {
    const children = spec.commands.map((c) => c.name);
    const cond = condition(path, spec, children);
    for (const child of spec.commands) lines.push(`complete -c mcpauth -n ${quote(cond)} -a ${child.name} -d ${quote(child.summary)}`);
    if (path.length > 0) {
      const seen = path.map((name) => `__fish_seen_subcommand_from ${name}`).join('; and ');
      // Global options are declared once without a condition above: fish offers them everywhere.
      for (const option of spec.options.filter((o) => o.global !== true)) lines.push(`complete -c mcpauth -n ${quote(seen)} ${optionArgs(option)}`);
      if (spec.argumentChoices) lines.push(`complete -c mcpauth -n ${quote(seen)} -a ${quote(spec.argumentChoices.join(' '))}`);
      if (spec.serverUrlArgument !== undefined) lines.push(`complete -c mcpauth -n ${quote(seen)} -a ${quote(STORED_SERVERS)} -d ${quote('stored server')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
