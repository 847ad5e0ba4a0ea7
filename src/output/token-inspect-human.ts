import type { TokenInspection } from '../core/token/inspect-token.js';
import type { TokenSummary } from '../core/token/token-summary.js';
import type { Style } from './style.js';
import { terminalSafe, terminalText } from './terminal-text.js';
import { renderFindingLines, summarizeFindingCounts } from './token-inspect-findings.js';
import { renderTokenDiagnosis } from './token-diagnosis.js';

const TIME_LABELS = { iat: 'issued', nbf: 'not before', exp: 'expires' } as const;

/** `token inspect` for a person: what the token is, whether it verifies, what is wrong, then every claim. */
export function renderTokenInspectHuman(input: TokenInspection, style: Style): string {
  // Every claim is the token issuer's choice (or anyone's, for an unverified token).
  const result = terminalSafe(input);
  const lines = [row('token', `${result.token}  ${style.dim(describeFormat(result))}`, style)];
  lines.push(row('verified', result.verified ? style.green(`yes: ${result.verification}`) : style.yellow(result.verification), style));
  if (result.summary !== null) lines.push(...summaryRows(result.summary, style));
  for (const time of result.times) lines.push(row(TIME_LABELS[time.claim], `${time.at} (${time.relative})`, style));
  lines.push('');
  if (result.findings.length === 0) lines.push(style.green('No findings: nothing here explains a refusal.'));
  else lines.push(style.bold(`Findings: ${summarizeFindingCounts(result.findings)}`), ...renderFindingLines(result.findings, style));
  if (input.diagnosis !== undefined) lines.push(...renderTokenDiagnosis(input.diagnosis, style));
  if (result.claims !== null) {
    const title = result.claimsSource === 'introspection' ? 'Introspection response' : 'Claims';
    // JSON.stringify escapes C0 but not C1 or bidi characters: the text is sanitised as a block.
    lines.push('', style.bold(title), indent(terminalText(JSON.stringify(input.claims, null, 2), { multiline: true })));
  }
  return `${lines.join('\n')}\n`;
}

function describeFormat(result: TokenInspection): string {
  if (result.format !== 'jwt') return `(${result.format})`;
  const header = result.summary;
  const parts = [`alg ${header?.algorithm ?? '?'}`];
  if (header?.keyId !== undefined) parts.push(`kid ${header.keyId}`);
  if (header?.type !== undefined) parts.push(`typ ${header.type}`);
  return `(JWT, ${parts.join(', ')})`;
}

function summaryRows(summary: TokenSummary, style: Style): string[] {
  const scopes = summary.scopes === undefined ? style.dim('(no scope claim)') : summary.scopes.length === 0 ? style.dim('(empty)') : `${summary.scopes.join(' ')} ${style.dim(`(${summary.scopeClaim})`)}`;
  return [
    row('issuer', summary.issuer ?? style.dim('(none)'), style),
    row('subject', summary.subject ?? style.dim('(none)'), style),
    row('client', summary.clientId ?? style.dim('(none)'), style),
    row('audience', summary.audience.length === 0 ? style.dim('(none)') : summary.audience.join(', '), style),
    row('scopes', scopes, style),
    row('binding', describeBinding(summary), style),
  ];
}

function describeBinding(summary: TokenSummary): string {
  const binding = summary.binding;
  if (binding === undefined) return 'none (a bearer token: whoever holds it can use it)';
  if (binding.kind === 'dpop') return `DPoP key (cnf.jkt ${binding.thumbprint}): send it with a DPoP proof (RFC 9449)`;
  if (binding.kind === 'mtls') return `TLS client certificate (cnf.x5t#S256 ${binding.thumbprint}, RFC 8705)`;
  return `cnf with ${binding.members.join(', ') || 'no members'}`;
}

function row(label: string, value: string, style: Style): string {
  return `${style.dim(label.padEnd(10))} ${value}`;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `  ${line}`).join('\n');
}
