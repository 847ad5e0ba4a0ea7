/** Severities shared by every report (probe, token inspect, audit-config), most severe first. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** True when `severity` is at or above the `--fail-on` threshold. */
export function isAtOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
