import type { AuditReport } from '../core/audit/finding.js';
import { terminalSafe } from './terminal-text.js';

// @actions/core escaping (toolkit command.ts): data escapes % CR LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** `--format github`: one workflow command per finding, shown as annotations on the diff. */
export function renderAuditGithub(input: AuditReport): string {
  // The runner prints annotations into the job log, a terminal: no control character gets through.
  const report = terminalSafe(input);
  const lines = report.findings.map((f) => {
    const properties = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      `col=${f.column}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`mcpauth ${f.ruleId}`)}`,
    ].join(',');
    const message = [f.message, f.masked ? `(${f.masked})` : '', f.fix ? `Fix: ${f.fix}` : ''].filter(Boolean).join(' ');
    return `::${COMMAND[f.severity]} ${properties}::${escapeData(message)}`;
  });
  // Skipped files are annotations too: in CI a file nobody scanned must be visible on the run.
  for (const skipped of report.skipped) lines.push(`::warning file=${escapeProperty(skipped.file)},title=${escapeProperty('mcpauth skipped')}::${escapeData(`Not scanned: ${skipped.reason}${skipped.detail ? ` (${skipped.detail})` : ''}`)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
