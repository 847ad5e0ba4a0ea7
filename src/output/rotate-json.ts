import type { RotationReport } from '../core/rotate/rotation-report.js';

/** `rotate --json`: `{ result, ifExpiringWithin?, outcomes[] }`; no token ever appears in it. */
export function renderRotateJson(report: RotationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
