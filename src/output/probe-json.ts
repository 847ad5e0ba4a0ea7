import type { ProbeReport } from '../core/probe/report.js';

/** `--json`: `{ target, authorizationServer: { issuer, provider }, steps, findings: [{ id, severity, message, spec, fix }] }` plus wire, compat, summary. */
export function renderProbeJson(report: ProbeReport): string {
  const summary = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) summary[f.severity] += 1;
  const body = {
    target: report.target,
    wire: report.wire,
    authorizationServer: report.authorizationServer,
    steps: report.steps,
    findings: report.findings.map(({ id, severity, message, spec, fix, sources }) => ({ id, severity, message, spec, fix, ...(sources === undefined ? {} : { sources }) })),
    summary,
    ...(report.compat === undefined ? {} : { compat: report.compat }),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
