import { commandPaths, GENERATED_NOTICE, type CommandSpec } from './command-spec.js';

function words(spec: CommandSpec): string {
  const names = spec.commands.map((c) => c.name);
  const flags = spec.options.flatMap((o) => o.flags);
  return [...names, ...(spec.argumentChoices ?? []), ...flags].join(' ');
}

function valueCases(spec: CommandSpec): string {
  return spec.options
    .filter((o) => o.takesValue)
    .map((o) => `        ${o.flags.join('|')}) ${o.choices ? `COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur"))` : o.valueKind === 'env' ? 'COMPREPLY=($(compgen -v -- "$cur"))' : 'COMPREPLY=($(compgen -f -- "$cur"))'}; return ;;`)
    .join('\n');
}

export function renderBashCompletion(root: CommandSpec): string {
  const entries = [{ path: [] as string[], spec: root }, ...commandPaths(root)];
  const cases = entries
    .map(({ path, spec }) => {
      const key = path.join(' ');
      const values = valueCases(spec);
      return `    "${key}")\n      case "$prev" in\n${values}${values ? '\n' : ''}      esac\n      COMPREPLY=($(compgen -W "${words(spec)}" -- "$cur")) ;;`;
    })
    .join('\n');
  const commandNames = entries.filter((e) => e.path.length > 0).map((e) => e.path[e.path.length - 1]);
  const unique = [...new Set(commandNames)].join(' ');
  return `# bash completion for mcpauth. ${GENERATED_NOTICE}
_mcpauth() {
  local cur prev path word i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case " ${unique} " in
      *" $word "*) path="\${path:+$path }$word" ;;
    esac
  done
  case "$path" in
${cases}
  esac
}
complete -o default -F _mcpauth mcpauth
`;
}
