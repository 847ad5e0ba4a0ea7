import { commandPaths, GENERATED_NOTICE, STORED_SERVERS_COMMAND, type CommandSpec, type OptionSpec } from './command-spec.js';

const quote = (text: string): string => text.replace(/'/g, "'\\''").replace(/[[\]:]/g, '\\$&');

function optionLines(option: OptionSpec): string[] {
  const action = option.takesValue ? `:value:${option.choices ? `(${option.choices.join(' ')})` : option.valueKind === 'env' ? '_parameters' : option.valueKind === 'server-url' ? '_mcpauth_servers' : '_files'}` : '';
  return option.flags.map((flag) => `    '${flag}[${quote(option.description)}]${action}'`);
}

function functionName(path: string[]): string {
  return ['_mcpauth', ...path].join('_').replace(/-/g, '_');
}

/** A <url> argument completes stored server URLs; other positionals complete files, as before. */
function positionals(spec: CommandSpec): string {
  if (spec.serverUrlArgument === undefined) return "'*:argument:_files'";
  const before = Array.from({ length: spec.serverUrlArgument }, (_, index) => `'${index + 1}:argument:_files'`);
  return [...before, `'${spec.serverUrlArgument + 1}:url:_mcpauth_servers'`, "'*:argument:_files'"].join(' \\\n    ');
}

// Stored URLs go to compadd as they are (no _describe: it would split them at ':').
const SERVERS_FUNCTION = `_mcpauth_servers() {
  local -a servers
  servers=(\${(f)"$(${STORED_SERVERS_COMMAND})"})
  _wanted servers expl 'stored server URL' compadd -a servers
}`;

function renderFunction(path: string[], spec: CommandSpec): string {
  const options = spec.options.flatMap(optionLines).join(' \\\n');
  if (spec.commands.length === 0) {
    const argument = spec.argumentChoices ? `'1:argument:(${spec.argumentChoices.join(' ')})'` : positionals(spec);
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
  const functions = [SERVERS_FUNCTION, renderFunction([], root), ...commandPaths(root).map(({ path, spec }) => renderFunction(path, spec))];
  return `#compdef mcpauth
# zsh completion for mcpauth. ${GENERATED_NOTICE}
${functions.join('\n\n')}

_mcpauth "$@"
`;
}
