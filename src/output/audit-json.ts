import type { AuditReport } from '../core/audit/finding.js';

/** `--json`: the report as data, keys in a fixed order; secrets appear only masked. */
export function renderAuditJson(report: AuditReport): string {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    fingerprint: f.fingerprint,
    pointer: f.pointer,
    client: f.client,
    ...(f.masked === undefined ? {} : { masked: f.masked }),
    ...(f.fix === undefined ? {} : { fix: f.fix }),
    ...(f.commit === undefined ? {} : { commit: f.commit }),
  }));
  const { filesScanned, filesRead, suppressed, skipped, excluded } = report;
  return `${JSON.stringify({ findings, filesScanned, filesRead, suppressed, skipped, excluded, ...(report.located ? { located: report.located } : {}) }, null, 2)}\n`;
}
