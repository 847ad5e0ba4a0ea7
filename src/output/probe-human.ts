import { countSummary } from './finding-counts.js';
import type { Severity } from '../core/findings/severity.js';
import type { CompatRow, Finding, ProbeReport, ProbeStep } from '../core/probe/report.js';
import type { Style } from './style.js';
import { terminalSafe } from './terminal-text.js';

/** The human probe report: the numbered trace, then findings by severity, then the --compat table. */
export function renderProbeHuman(input: ProbeReport, style: Style): string {
  // Metadata values, error texts and URLs in the trace are the servers' choice.
  const report = terminalSafe(input);
  const lines = [style.bold(`Probe of ${report.target}`) + style.dim(` (MCP ${report.wire} wire)`), '', style.bold('Trace')];
  for (const step of report.steps) lines.push(...renderStep(step, style));
  const provider = report.authorizationServer?.provider;
  if (provider) lines.push('', `${style.bold('Identity provider:')} ${provider.name} ${style.dim(`(${provider.confidence} confidence)`)}`);
  lines.push('', renderSummary(report.findings, style));
  for (const f of report.findings) lines.push(...renderFinding(f, style));
  if (report.compat !== undefined) lines.push('', style.bold('Client compatibility'), ...renderCompat(report.compat, style));
  return `${lines.join('\n')}\n`;
}

function renderStep(step: ProbeStep, style: Style): string[] {
  const status = step.status === undefined ? style.red('---') : colourStatus(step.status, style);
  const tag = step.purpose === 'explain' ? style.yellow(' [explain-only]') : '';
  const head = `${String(step.n).padStart(3)}  ${step.method.padEnd(7)} ${status} ${style.dim(`${String(step.durationMs).padStart(5)} ms`)}  ${step.url}${tag}`;
  const lines = [head, `${' '.repeat(18)}${style.dim(`${step.kind}:`)} ${step.detail}`];
  for (const hop of step.redirects) lines.push(`${' '.repeat(18)}${style.dim('redirected to')} ${hop}`);
  return lines;
}

function colourStatus(status: number, style: Style): string {
  const text = String(status);
  if (status >= 500) return style.red(text);
  if (status >= 400 && status !== 401) return style.yellow(text);
  return text;
}

function severityLabel(severity: Severity, style: Style): string {
  const text = severity.padEnd(7);
  if (severity === 'error') return style.red(style.bold(text));
  return severity === 'warning' ? style.yellow(text) : style.cyan(text);
}

function renderSummary(findings: Finding[], style: Style): string {
  const text = `Findings: ${countSummary(findings)}`;
  return style.bold(text);
}

function renderFinding(f: Finding, style: Style): string[] {
  return [
    '',
    `  ${severityLabel(f.severity, style)} ${style.bold(f.id)}`,
    `          ${style.dim('seen:')} ${f.message}`,
    `          ${style.dim('rule:')} ${f.spec}`,
    `          ${style.dim('fix: ')} ${f.fix}`,
    ...(f.sources ?? []).map((source) => `          ${style.dim('src: ')} ${source}`),
  ];
}

function renderCompat(rows: CompatRow[], style: Style): string[] {
  const width = Math.max(...rows.map((r) => r.client.length));
  return rows.map((r) => {
    const verdict = r.verdict === 'works' ? style.green('works   ') : r.verdict === 'fails' ? style.red('fails   ') : style.yellow('degraded');
    return `  ${r.client.padEnd(width)}  ${verdict}  ${style.dim(r.reason)}`;
  });
}
