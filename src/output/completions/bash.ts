import { commandPaths, GENERATED_NOTICE, STORED_SERVERS_COMMAND, type CommandSpec } from './command-spec.js';

function words(spec: CommandSpec): string {
  const names = spec.commands.map((c) => c.name);
  const flags = spec.options.flatMap((o) => o.flags);
  return [...names, ...(spec.argumentChoices ?? []), ...flags].join(' ');
}

function valueCases(spec: CommandSpec): string {
  return spec.options
    .filter((o) => o.takesValue && o.valueKind !== 'server-url')
    .map((o) => `        ${o.flags.join('|')}) ${o.choices ? `COMPREPLY=($(compgen -W "${o.choices.join(' ')}" -- "$cur"))` : o.valueKind === 'env' ? 'COMPREPLY=($(compgen -v -- "$cur"))' : 'COMPREPLY=($(compgen -f -- "$cur"))'}; return ;;`)
    .join('\n');
}

/** Stored server URLs after --server, and at the command's <url> argument. */
function serverLines(path: string[], spec: CommandSpec): string {
  const lines: string[] = [];
  const serverFlags = spec.options.filter((o) => o.valueKind === 'server-url').flatMap((o) => o.flags);
  if (serverFlags.length > 0) lines.push(`      case "$bprev" in\n        ${serverFlags.join('|')}) _mcpauth_servers; return ;;\n      esac`);
  if (spec.serverUrlArgument !== undefined) {
    const valued = spec.options.filter((o) => o.takesValue).flatMap((o) => o.flags).join(' ');
    lines.push(`      if _mcpauth_at_argument ${spec.serverUrlArgument} "${valued}" "${path.join(' ')}"; then _mcpauth_servers; ((\${#COMPREPLY[@]})) && return; fi`);
  }
  return lines.map((line) => `${line}\n`).join('');
}

// Helpers shared by every command. URLs hold ':', where bash splits words (COMP_WORDBREAKS), so the
// line is re-split on blanks only; stored text is matched with [[ == "prefix"* ]], never handed to
// compgen -W, which would expand $(…) or ` in it.
const HELPERS = `# The words up to the cursor, split on blanks only (bash also splits at ':', which cuts URLs apart).
_mcpauth_words() {
  local line
  if [[ -n "\${COMP_LINE+set}" ]]; then line="\${COMP_LINE:0:COMP_POINT}"; else line="\${COMP_WORDS[*]:0:COMP_CWORD+1}"; fi
  read -ra _mcpauth_w <<< "$line"
  if [[ -z "$line" || "$line" == *[[:blank:]] ]]; then _mcpauth_w+=(""); fi
}
# True when the word being completed is positional argument $1 (0-based) after the command path $3;
# $2 lists the flags that take a value (their values are not arguments).
_mcpauth_at_argument() {
  local want=$1 valued=" $2 " i word n=0 p=0 skip=0 last=$((\${#_mcpauth_w[@]} - 1))
  local -a path
  read -ra path <<< "$3"
  [[ "\${_mcpauth_w[last]}" == -* ]] && return 1
  for ((i = 1; i < last; i++)); do
    word="\${_mcpauth_w[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ "$valued" == *" $word "* ]]; then skip=1; continue; fi
    if ((p < \${#path[@]})); then [[ "$word" == "\${path[p]}" ]] && p=$((p + 1)); continue; fi
    [[ "$word" == -* ]] || n=$((n + 1))
  done
  ((p == \${#path[@]} && n == want))
}
# Stored server URLs that start with what is typed; bash replaces only its own last word, so the part
# before it (up to a ':') is taken off each candidate.
_mcpauth_servers() {
  local typed="\${_mcpauth_w[\${#_mcpauth_w[@]}-1]}" keep url
  keep="\${typed%"$cur"}"
  COMPREPLY=()
  while IFS= read -r url; do
    [[ -n "$url" && "$url" == "$typed"* ]] && COMPREPLY+=("\${url#"$keep"}")
  done < <(${STORED_SERVERS_COMMAND})
}`;

export function renderBashCompletion(root: CommandSpec): string {
  const entries = [{ path: [] as string[], spec: root }, ...commandPaths(root)];
  const cases = entries
    .map(({ path, spec }) => {
      const key = path.join(' ');
      const values = valueCases(spec);
      return `    "${key}")\n${serverLines(path, spec)}      case "$prev" in\n${values}${values ? '\n' : ''}      esac\n      COMPREPLY=($(compgen -W "${words(spec)}" -- "$cur")) ;;`;
    })
    .join('\n');
  const commandNames = entries.filter((e) => e.path.length > 0).map((e) => e.path[e.path.length - 1]);
  const unique = [...new Set(commandNames)].join(' ');
  return `# bash completion for mcpauth. ${GENERATED_NOTICE}
${HELPERS}
_mcpauth() {
  local cur prev path word i bprev
  local -a _mcpauth_w
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  _mcpauth_words
  bprev="\${_mcpauth_w[\${#_mcpauth_w[@]}-2]}"
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
