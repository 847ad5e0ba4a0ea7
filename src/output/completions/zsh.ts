import { commandPaths, GENERATED_NOTICE, type CommandSpec, type OptionSpec } from './command-spec.js';

const quote = (text: string): string => text.replace(/'/g, "'\\''").replace(/[[\]:]/g, '\\$&');

function optionLines(option: OptionSpec): string[] {
  const action = option.takesValue ? `:value:${option.choices ? `(${option.choices.join(' ')})` : option.valueKind === 'env' ? '_parameters' : '_files'}` : '';
  return option.flags.map((flag) => `    '${flag}[${quote(option.description)}]${action}'`);
}

function functionName(path: string[]): string {
  return ['_mcpauth', ...path].join('_').replace(/-/g, '_');
}

function renderFunction(path: string[], spec: CommandSpec): string {
  const options = spec.options.flatMap(optionLines).join(' \\\n');
  if (spec.commands.length === 0) {
    const argument = spec.argumentChoices ? `'1:argument:(${spec.argumentChoices.join(' ')})'` : "'*:argument:_files'";
    return `${functionName(path)}() {\n  _arguments -s \\\n${options} \\\n    ${argument}\n}`;
  }
  const subs = spec.commands.map((c) => `      '${c.name}:${quote(c.summary)}'`).join('\n');
  const dispatch = spec.commands.map((c) => `    ${c.name}) ${functionName([...path, c.name])} ;;`).join('\n');
  return `${functionName(path)}() {
  local -a subcommands
  subcommands=(
${subs}
  )
  _arguments -C \\
${options} \\
    '1:command:->command' \\
    '*::arg:->args'
  case $state in
    command) _describe -t commands 'mcpauth command' subcommands ;;
    args)
      case $words[1] in
${dispatch}
      esac ;;
  esac
}`;
}

export function renderZshCompletion(root: CommandSpec): string {
  const functions = [renderFunction([], root), ...commandPaths(root).map(({ path, spec }) => renderFunction(path, spec))];
  return `#compdef mcpauth
# zsh completion for mcpauth. ${GENERATED_NOTICE}
${functions.join('\n\n')}

_mcpauth "$@"
`;
}
