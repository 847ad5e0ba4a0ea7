/**
 * The ONE shell quoter: every command line mcpauth prints for a person to paste is built from an
 * argv array and quoted here, so no value (a server-chosen scope, a file name from a repository, a
 * URL) can add a command, a substitution or a redirection when pasted.
 *
 *   formatCommand(['mcpauth', 'login', url, '--scope', scopes])            POSIX sh/bash/zsh
 *   formatCommand(argv, 'powershell')                                      Windows PowerShell
 *   shellFor(platform)                                                     'powershell' on win32
 *
 * Values chosen by a server are validated before they are offered at all (a scope must be an RFC 6749
 * §3.3 scope-token: core/scopes/scopes-report.ts isScopeToken); quoting is the second line of defence.
 * Core keeps commands as argv arrays; where core must hand over a finished text (an audit fix, a
 * rotate login command in JSON) it may import this one pure module (exception in test/architecture.test.ts).
 */
export type CommandShell = 'posix' | 'powershell';

// Characters that never need quoting in either shell (no globbing, expansion or word splitting).
const BARE_POSIX = /^[A-Za-z0-9_@%+=:,./-]+$/;
// PowerShell: ',' builds an array and '--%' stops parsing, so neither is bare.
const BARE_POWERSHELL = /^[A-Za-z0-9_+=:./\\-]+$/;
// PowerShell treats these as quote characters too (smart quotes), and doubles them to escape.
const POWERSHELL_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

export function shellFor(platform: string): CommandShell {
  return platform === 'win32' ? 'powershell' : 'posix';
}

/** One argument, quoted only when it needs it. Control characters are neutralised by the caller's sanitiser. */
export function quoteArg(arg: string, shell: CommandShell = 'posix'): string {
  if (shell === 'powershell') {
    if (arg !== '' && BARE_POWERSHELL.test(arg)) return arg;
    // Single quotes make everything literal; only the quote characters themselves are doubled.
    return `'${arg.replace(POWERSHELL_QUOTES, (quote) => quote + quote)}'`;
  }
  // zsh expands a word starting with '=' (=cmd is the path of cmd).
  if (arg !== '' && BARE_POSIX.test(arg) && !arg.startsWith('=')) return arg;
  // POSIX single quotes: nothing inside is special; a ' is closed, escaped and reopened.
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A whole command line from argv. */
export function formatCommand(argv: readonly string[], shell: CommandShell = 'posix'): string {
  const line = argv.map((arg) => quoteArg(arg, shell)).join(' ');
  // PowerShell: a quoted first word is a string, not a command; `&` calls it.
  return shell === 'powershell' && argv.length > 0 && quoteArg(argv[0] ?? '', shell) !== argv[0] ? `& ${line}` : line;
}
