import type { StatusReport } from '../core/store/status-report.js';

/** `status --json`: the report as it is (it holds no secrets by construction). */
export function renderStatusJson(report: StatusReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
