import { countSummary } from './finding-counts.js';
import type { AuditFinding, AuditReport } from '../core/audit/finding.js';
import type { Severity } from '../core/findings/severity.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

/** Human output: grouped by file, each finding with location, masked secret, kind and fix. */
export function renderAuditHuman(input: AuditReport, style: Style, verbose = false): string {
  // File names, server names and git authors come from the repository: sanitised for the terminal.
  const report = terminalSafe(input);
  const lines: string[] = [];
  if (report.located) lines.push(...renderLocated(report.located, style));
  const byFile = new Map<string, AuditFinding[]>();
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    lines.push(`${style.bold(file)} ${style.dim(`(${findings[0]?.client ?? ''})`)}`);
    for (const finding of findings) lines.push(...renderFinding(finding, style));
    lines.push('');
  }
  if (verbose) for (const excluded of report.excluded) lines.push(style.dim(`excluded ${excluded.path} (${excluded.reason === 'exclude-option' ? '--exclude' : 'never scanned'})`));
  lines.push(summary(report, style));
  return `${lines.join('\n')}\n`;
}

/** `--user`: every MCP file found on this machine, with the client it belongs to. */
function renderLocated(located: NonNullable<AuditReport['located']>, style: Style): string[] {
  if (located.length === 0) return [style.dim('No MCP client configs or token stores found in the usual places.'), ''];
  const width = Math.max(...located.map((l) => l.file.length));
  return [style.bold('MCP set-up on this machine'), ...located.map((l) => `  ${l.file.padEnd(width)}  ${l.client}${l.kind === 'token-store' ? ' (token store)' : ''}`), ''];
}

/**
 * Every file or folder that was not scanned, with the reason: for stderr, in every human-facing
 * format, so a gate never passes over a file in silence.
 */
export function renderAuditSkips(input: AuditReport, style: Style, failing: boolean): string {
  const report = terminalSafe(input);
  if (report.skipped.length === 0) return '';
  const lines = report.skipped.map((s) => `${style.yellow('skipped')} ${s.file}: ${s.reason.replace(/-/g, ' ')}${s.detail ? ` (${s.detail})` : ''}`);
  const count = `${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'} or folder${report.skipped.length === 1 ? '' : 's'} not scanned`;
  lines.push(failing ? style.red(`${count}: failing (--fail-on-skipped, the default when CI is set).`) : `${count} (--fail-on-skipped makes this fail the run).`);
  return `${lines.join('\n')}\n`;
}

function renderFinding(finding: AuditFinding, style: Style): string[] {
  const where = `${finding.line}:${finding.column}`.padEnd(8);
  const out = [`  ${where}${paint(finding.severity, style)}  ${finding.message}  ${style.dim(finding.ruleId)}`];
  const pad = ' '.repeat(10);
  if (finding.masked) out.push(`${pad}${style.dim('secret:')} ${finding.masked}`);
  if (finding.commit) out.push(`${pad}${style.dim('commit:')} ${finding.commit.commit.slice(0, 12)} by ${finding.commit.author} on ${finding.commit.date}`);
  if (finding.fix) out.push(`${pad}${style.dim('fix:')} ${finding.fix}`);
  return out;
}

function paint(severity: Severity, style: Style): string {
  const label = severity.padEnd(7);
  if (severity === 'error') return style.red(label);
  if (severity === 'warning') return style.yellow(label);
  return style.cyan(label);
}

function summary(report: AuditReport, style: Style): string {
  const files = `${report.filesScanned} config file${report.filesScanned === 1 ? '' : 's'} scanned`;
  const extras = [
    report.filesRead > report.filesScanned ? `${report.filesRead - report.filesScanned} other file${report.filesRead - report.filesScanned === 1 ? '' : 's'} searched for tokens` : '',
    report.suppressed > 0 ? `${report.suppressed} suppressed` : '',
    report.skipped.length > 0 ? `${report.skipped.length} skipped (listed on stderr)` : '',
    report.excluded.length > 0 ? `${report.excluded.length} folder${report.excluded.length === 1 ? '' : 's'} excluded (see --verbose)` : '',
  ].filter(Boolean);
  const tail = extras.length > 0 ? `; ${extras.join(', ')}` : '';
  if (report.findings.length === 0) return `${style.green('No findings')} in ${files}${tail}.`;
  const total = report.findings.length;
  return `${style.bold(`${total} finding${total === 1 ? '' : 's'}`)} (${countSummary(report.findings)}) in ${files}${tail}.`;
}
