import type { ClientRotationReport } from '../core/rotate/rotate-client.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

/** `rotate --client` for a person: what was registered, what was deleted, and the login that follows. */
export function renderClientRotationHuman(input: readonly ClientRotationReport[], style: Style): string {
  const reports = terminalSafe(input);
  const lines: string[] = [];
  for (const report of reports) {
    const head = `${report.serverUrl}  ${style.dim(`(${report.issuer})`)}`;
    if (report.status === 'not-possible') {
      lines.push(`${style.red('✗')} ${head}`, `    cannot replace the client ${report.oldClientId}: ${report.reason ?? ''}`);
      continue;
    }
    lines.push(`${style.green('✓')} ${head}`, `    registered a new client ${report.newClientId ?? ''}`);
    lines.push(report.status === 'replaced' ? `    deleted the old client ${report.oldClientId} (RFC 7592)` : style.yellow(`    ${report.reason ?? ''}`));
    lines.push(`    tokens belong to the client they were issued to: log in again with ${style.bold(report.loginCommand ?? '')}`);
  }
  return `${lines.join('\n')}\n`;
}
