import { countSummary } from './finding-counts.js';
import type { Severity } from '../core/findings/severity.js';
import type { Style } from './style.js';

/** A finding as both `token inspect` and `scopes` show it. */
export interface RenderableFinding {
  id: string;
  severity: Severity;
  message: string;
  fix: string;
}

const MARKS: Record<Severity, string> = { error: '✗', warning: '!', info: 'i' };

/** One block per finding: mark, severity, id, message; the fix indented below. */
export function renderFindingLines(findings: readonly RenderableFinding[], style: Style): string[] {
  return findings.flatMap((finding) => {
    const paint = finding.severity === 'error' ? style.red : finding.severity === 'warning' ? style.yellow : style.cyan;
    const head = `  ${paint(`${MARKS[finding.severity]} ${finding.severity.padEnd(7)}`)} ${style.bold(finding.id)}`;
    return [head, `      ${finding.message}`, `      ${style.dim(`fix: ${finding.fix}`)}`];
  });
}

export function summarizeFindingCounts(findings: readonly RenderableFinding[]): string {
  return countSummary(findings);
}
