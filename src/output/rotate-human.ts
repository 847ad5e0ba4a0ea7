import { formatUtcMinute } from './relative-time.js';
import type { RotationOutcome, RotationReport } from '../core/rotate/rotation-report.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

/** `rotate` for a person: one headline that says which outcome it was, then one block per server. */
export function renderRotateHuman(input: RotationReport, style: Style): string {
  const report = terminalSafe(input);
  const lines = [headline(report, style)];
  for (const outcome of report.outcomes) lines.push(...outcomeLines(outcome, report.ifExpiringWithin, style));
  return `${lines.join('\n')}\n`;
}

function headline(report: RotationReport, style: Style): string {
  const count = (status: RotationOutcome['status']) => report.outcomes.filter((outcome) => outcome.status === status).length;
  const total = report.outcomes.length;
  switch (report.result) {
    case 'rotated':
      return style.green(`Rotated ${count('rotated')} of ${total} stored credential${total === 1 ? '' : 's'}.`);
    case 'nothing-to-do':
      return style.green(total === 0 ? 'Nothing to do: no stored credentials.' : 'Nothing to do: no credential needed a refresh.');
    case 'login-needed':
      return style.red(`Log in again for ${count('login-needed')} server${count('login-needed') === 1 ? '' : 's'}: the refresh token is gone or was rejected.`);
    case 'failed':
      return style.red(`Could not refresh ${count('failed')} of ${total} stored credential${total === 1 ? '' : 's'}.`);
  }
}

function outcomeLines(outcome: RotationOutcome, window: number | undefined, style: Style): string[] {
  const head = `  ${marker(outcome, style)} ${outcome.serverUrl}  ${style.dim(`(${outcome.issuer})`)}`;
  const before = outcome.previousExpiresAt === undefined ? 'no expiry given' : formatUtcMinute(outcome.previousExpiresAt);
  const after = outcome.expiresAt === undefined ? 'no expiry given' : formatUtcMinute(outcome.expiresAt);
  switch (outcome.status) {
    case 'rotated': {
      const rotated = outcome.refreshTokenRotated ? 'refresh token rotated' : 'refresh token kept (the server does not rotate it)';
      return [head, `      access token expiry ${before} -> ${after}; ${rotated}`];
    }
    case 'refreshed-elsewhere':
      return [head, `      already refreshed by another process while this one waited: expiry ${before} -> ${after}`];
    case 'fresh':
      return [head, `      valid until ${before}${window === undefined ? '' : `, more than ${describeSeconds(window)} away`}: nothing to do`];
    case 'login-needed':
      return [head, `      ${outcome.failure?.message ?? 'no refresh token is stored, so it cannot be refreshed.'}`, `      run: ${style.bold(outcome.loginCommand ?? '')}`];
    case 'failed':
      return [head, `      ${outcome.failure?.message ?? 'failed.'}`, ...(outcome.failure?.hint ? [`      hint: ${outcome.failure.hint}`] : [])];
  }
}

function marker(outcome: RotationOutcome, style: Style): string {
  if (outcome.status === 'rotated' || outcome.status === 'refreshed-elsewhere') return style.green('✓');
  if (outcome.status === 'fresh') return style.dim('·');
  return style.red('✗');
}

function describeSeconds(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
