import type { Severity } from '../core/findings/severity.js';

/**
 * The one wording of a findings summary, in every command (docs/cli-contract.md):
 * "1 error, 0 warnings, 2 info". "info" is not pluralised.
 */
export function countSummary(findings: ReadonlyArray<{ severity: Severity }>): string {
  const count = (severity: Severity): number => findings.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('info')} info`;
}
