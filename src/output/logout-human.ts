import type { LogoutOutcome, RevocationOutcome } from '../core/store/logout.js';
import { formatRelativeSeconds } from './relative-time.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

function refreshText(outcome: LogoutOutcome, style: Style): string {
  const result = outcome.refreshToken;
  switch (result.status) {
    case 'revoked':
      return style.green(`revoked at ${outcome.revocationEndpoint ?? 'the authorization server'}`);
    case 'skipped':
      return skippedText(result.reason, style);
    case 'rejected':
      return style.yellow(`the authorization server refused to revoke it (${detail(result)}); it may still be valid there`);
    case 'failed':
      return style.red(`revocation failed (${result.message}); it may still be valid at the authorization server`);
  }
}

function accessText(outcome: LogoutOutcome, now: Date, style: Style): string {
  const result = outcome.accessToken;
  const until = outcome.accessTokenExpiresAt === undefined
    ? 'until it expires'
    : `until it expires (${formatRelativeSeconds(Math.round((Date.parse(outcome.accessTokenExpiresAt) - now.getTime()) / 1000))})`;
  switch (result.status) {
    case 'revoked':
      return revokedText(outcome, now, style);
    case 'skipped':
      return result.reason === 'expired' ? 'already expired' : skippedText(result.reason, style);
    case 'rejected':
      // Gotcha 7: self-contained JWT access tokens are checked by the server without asking the AS.
      return style.yellow(`not revocable at this authorization server (${detail(result)}); it stays valid at the MCP server ${until}`);
    case 'failed':
      return style.red(`revocation failed (${result.message}); it stays valid ${until}`);
  }
}

/** RFC 9068: revoking a JWT at the AS does not reach a resource server that validates it locally. */
function revokedText(outcome: LogoutOutcome, now: Date, style: Style): string {
  const exp = outcome.accessTokenJwtExpiresAt;
  if (exp === undefined) return style.green('revoked');
  const seconds = Math.round((Date.parse(exp) - now.getTime()) / 1000);
  if (seconds <= 0) return style.green('revoked (a JWT, already past its exp)');
  return style.yellow(`revoked at the authorization server, but it is a JWT: an MCP server that validates it locally may accept it until ${exp} (${formatRelativeSeconds(seconds)})`);
}

function clientText(outcome: LogoutOutcome, style: Style): string | undefined {
  const client = outcome.client;
  if (client.status === 'deleted') return style.green('deleted at the authorization server (RFC 7592) and forgotten here');
  if (client.status === 'forgotten') return `forgotten here (the next login registers a new one); ${client.reason}`;
  if (client.reason === 'keep-client') return 'kept (--keep-client)';
  if (client.reason === 'shared') return style.dim('kept: another stored login at this authorization server uses it');
  return undefined;
}

function skippedText(reason: 'no-token' | 'no-revocation-endpoint' | 'expired', style: Style): string {
  if (reason === 'no-token') return style.dim('none stored');
  if (reason === 'expired') return 'already expired';
  return style.yellow('not revoked: the authorization server offers no revocation_endpoint');
}

function detail(result: Extract<RevocationOutcome, { status: 'rejected' }>): string {
  return result.description ? `${result.error}: ${result.description}` : result.error;
}

/** Human `logout`: exactly what was done for each credential. */
export function renderLogoutHuman(input: LogoutOutcome[], now: Date, style: Style): string {
  const outcomes = terminalSafe(input);
  if (outcomes.length === 0) return 'No stored credentials: nothing to log out.\n';
  const blocks = outcomes.map((outcome) => {
    const local = outcome.deleted ? `deleted (metadata and ${outcome.secretLocation === 'keychain' ? 'keychain entry' : 'secret file entry'})` : style.dim('already gone');
    const rows: Array<[string, string]> = [
      ['refresh token', refreshText(outcome, style)],
      ['access token', accessText(outcome, now, style)],
      ['local entry', local],
    ];
    const client = clientText(outcome, style);
    if (client !== undefined) rows.push(['client', client]);
    const head = `Logged out of ${style.bold(outcome.serverUrl)} ${style.dim(`(issuer ${outcome.issuer})`)}`;
    return [head, ...rows.map(([name, value]) => `  ${style.dim(name.padEnd(14))}${value}`)].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
