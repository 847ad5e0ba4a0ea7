import { formatUtcMinute, formatWhen } from './relative-time.js';
import type { LoginResult } from '../core/flows/login.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

export interface LoginView {
  result: LoginResult;
  /** Where the secrets live, as the store describes it ("keychain" or a file path). */
  storedIn: string;
  now: Date;
}

function relative(iso: string | undefined, now: Date): string {
  if (iso === undefined) return 'no expiry given';
  return Date.parse(iso) <= now.getTime() ? `expired (${formatUtcMinute(iso)})` : formatWhen(iso, now);
}

/** The human summary of a login: what was granted and where it is kept. Never a token. */
export function renderLoginHuman(view: LoginView, style: Style): string {
  // subject, scopes, client_id, issuer and serverInfo.name are all the servers' choice.
  const result = terminalSafe(view.result);
  const storedIn = terminalSafe(view.storedIn);
  const c = result.credential;
  const who = c.subject === undefined ? '' : ` as ${style.bold(c.subject)}`;
  const server = result.hello.serverInfo?.name ? `${result.hello.serverInfo.name}, ` : '';
  const lines = [
    `${style.green('✓')} Logged in to ${c.serverUrl}${who}`,
    `  issuer        ${c.issuer}${result.idp ? style.dim(` (${result.idp.name})`) : ''}`,
    `  scopes        ${c.scopes.length > 0 ? c.scopes.join(' ') : style.dim('(none named)')}`,
    `  expires       ${relative(c.accessTokenExpiresAt, view.now)}${c.refreshAvailable ? ', refresh token stored' : style.yellow(', no refresh token: expect to log in again')}`,
    `  client        ${c.clientId} (${result.registration})`,
    `  stored in     ${storedIn}`,
    `  verified      ${server}${result.hello.via} + tools/list: ${result.toolCount} tool${result.toolCount === 1 ? '' : 's'}`,
  ];
  return `${lines.join('\n')}\n`;
}

export function renderLoginJson(view: LoginView): string {
  const { result } = view;
  const c = result.credential;
  const body = {
    server: c.serverUrl,
    resource: c.resource,
    issuer: c.issuer,
    subject: c.subject ?? null,
    scopes: c.scopes,
    expiresAt: c.accessTokenExpiresAt ?? null,
    refreshAvailable: c.refreshAvailable,
    clientId: c.clientId,
    registration: result.registration,
    flow: result.flow,
    scopeSource: result.scope.source,
    identityProvider: result.idp?.id ?? null,
    resourceSent: result.resourceSent,
    storedIn: view.storedIn,
    protocolVersion: result.hello.protocolVersion,
    protocolFallback: result.hello.fallback ?? null,
    tools: result.toolCount,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
