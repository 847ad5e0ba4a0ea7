import type { ScopesReport } from '../core/scopes/scopes-report.js';
import { formatCommand, type CommandShell } from './shell-quote.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';
import { renderFindingLines, summarizeFindingCounts } from './token-inspect-findings.js';

const COLUMNS = ['401', 'PRM', 'AS', 'held', 'needed'] as const;

/** `scopes` for a person: one row per scope with where it appears, then the fix and the findings. */
export function renderScopesHuman(input: ScopesReport, style: Style, shell: CommandShell = 'posix'): string {
  const report = terminalSafe(input);
  const lines = [style.bold(`Scopes for ${report.url}`), '', ...scopeTable(report, style), '', ...sourceLines(report, style)];
  if (report.fixes.length > 0) {
    const title = report.missing.length > 0 ? `Fix (missing: ${report.missing.join(' ')})` : 'Next step';
    lines.push('', style.bold(title), ...report.fixes.map((fix, i) => `  ${i > 0 ? `${style.dim('or')} ` : ''}${style.cyan(`$ ${formatCommand(fix, shell)}`)}`));
  }
  lines.push('');
  if (report.findings.length === 0) lines.push(style.green('No findings: the credential covers what this use needs.'));
  else lines.push(style.bold(`Findings: ${summarizeFindingCounts(report.findings)}`), ...renderFindingLines(report.findings, style));
  for (const note of report.notes) lines.push(style.dim(`note: ${note}`));
  return `${lines.join('\n')}\n`;
}

function scopeTable(report: ScopesReport, style: Style): string[] {
  const sets: Record<(typeof COLUMNS)[number], readonly string[]> = {
    '401': report.offered.challenge ?? [],
    PRM: report.offered.prm ?? [],
    AS: report.offered.as ?? [],
    held: report.held.scopes,
    needed: report.needed.scopes,
  };
  const all = [...new Set(COLUMNS.flatMap((column) => sets[column]))];
  if (all.length === 0) return [style.dim('  (no scope is advertised, held or needed)')];
  const width = Math.max(5, ...all.map((s) => s.length)) + 2;
  const header = `  ${'scope'.padEnd(width)}${COLUMNS.map((c) => c.padEnd(8)).join('')}`;
  const rows = all.map((scope) => {
    const cells = COLUMNS.map((c) => (sets[c].includes(scope) ? '✓' : '·').padEnd(8)).join('');
    const missing = report.missing.includes(scope) ? style.red('← missing') : '';
    return `  ${scope.padEnd(width)}${cells}${missing}`.trimEnd();
  });
  return [style.dim(header.trimEnd()), ...rows];
}

function sourceLines(report: ScopesReport, style: Style): string[] {
  const held = { 'token-claim': "the stored token's scope claim", 'token-response': 'the scope granted at login', none: 'no stored credential' }[report.held.source];
  const lines = [`  ${style.dim('held from')}    ${held}`];
  const tool = report.needed.tool;
  if (tool !== undefined) lines.push(`  ${style.dim('tool')}         ${tool.tool}: ${describeTool(tool)}`);
  if (report.needed.source === 'unknown') lines.push(`  ${style.dim('needed')}       unknown (the call succeeded with the held scopes)`);
  else if (report.needed.source === 'challenge') lines.push(`  ${style.dim('needed from')}  the server's 401 challenge (basic access; add --tool <name> for a tool's needs)`);
  return lines;
}

function describeTool(tool: NonNullable<ScopesReport['needed']['tool']>): string {
  switch (tool.outcome) {
    case 'authorized':
      return tool.detail;
    case 'insufficient-scope':
      return `HTTP ${tool.status} insufficient_scope, scope="${tool.scopes?.join(' ') ?? ''}"${tool.description === undefined ? '' : ` (${tool.description})`}`;
    case 'unauthorized':
      return `HTTP ${tool.status} ${tool.error ?? '(no error code)'}`;
    case 'failed':
      return `failed: ${tool.reason}`;
  }
}
