import type { CredentialStatus, StatusReport } from '../core/store/status-report.js';
import { formatRelativeSeconds, formatUtcMinute } from './relative-time.js';
import { formatCommand, type CommandShell } from './shell-quote.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

function expiryText(entry: CredentialStatus, style: Style): string {
  if (entry.expiresInSeconds === undefined) return style.dim('unknown (the authorization server gave no expires_in)');
  const when = entry.accessTokenExpiresAt === undefined ? formatRelativeSeconds(entry.expiresInSeconds) : `${formatRelativeSeconds(entry.expiresInSeconds)} (${formatUtcMinute(entry.accessTokenExpiresAt)})`;
  if (entry.accessToken === 'valid') return style.green(`valid, expires ${when}`);
  return entry.refreshAvailable ? style.yellow(`expired ${when}; will be refreshed on next use`) : style.red(`expired ${when}`);
}

function renderEntry(entry: CredentialStatus, style: Style): string {
  const rows: Array<[string, string]> = [
    ['issuer', entry.issuer],
    ['subject', entry.subject ?? style.dim('unknown')],
    ['scopes', entry.scopes.length > 0 ? entry.scopes.join(' ') : style.dim('none')],
    ['access token', expiryText(entry, style)],
    ['refresh', entry.refreshAvailable ? 'available' : style.yellow('not available')],
    ['secret in', entry.secretLocation === 'file' ? `${entry.secretWhere} ${style.yellow('(file fallback: not the OS keychain)')}` : entry.secretWhere],
  ];
  if (entry.resource !== entry.serverUrl) rows.splice(1, 0, ['resource', entry.resource]);
  const head = entry.usable ? `${style.bold(entry.serverUrl)}` : `${style.bold(entry.serverUrl)} ${style.red('(not usable: log in again)')}`;
  return [head, ...rows.map(([name, value]) => `  ${style.dim(name.padEnd(13))}${value}`)].join('\n');
}

/** Human `status`: one block per credential, newest first; never a token. */
export function renderStatusHuman(input: StatusReport, style: Style, shell: CommandShell = 'posix'): string {
  // The store is a file: subject, scope and issuer in it came from servers and may have been edited.
  const report = terminalSafe(input);
  if (report.credentials.length === 0) {
    const what = report.serverUrl === undefined ? 'No stored credentials.' : `No stored credential for ${report.serverUrl}.`;
    const login = report.serverUrl === undefined ? 'mcpauth login <url>' : formatCommand(['mcpauth', 'login', report.serverUrl], shell);
    return `${what}\n${style.dim(`Log in with: ${login}`)}\n`;
  }
  const blocks = report.credentials.map((entry) => renderEntry(entry, style));
  return `${blocks.join('\n\n')}\n\n${style.dim(`Store: ${report.store.home}`)}\n`;
}
