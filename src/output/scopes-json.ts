import type { ScopesReport } from '../core/scopes/scopes-report.js';
import { formatCommand } from './shell-quote.js';

/** `scopes --json`: the report as data; fixes as POSIX command lines; findings as `{ id, severity, message }` like token inspect. */
export function renderScopesJson(report: ScopesReport): string {
  const document = {
    url: report.url,
    offered: report.offered,
    held: report.held,
    needed: report.needed,
    missing: report.missing,
    fixes: report.fixes.map((argv) => formatCommand(argv)),
    notes: report.notes,
    findings: report.findings.map(({ id, severity, message }) => ({ id, severity, message })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
