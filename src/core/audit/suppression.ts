import type { AuditFinding } from './finding.js';

/** The baseline file: fingerprints of accepted findings, with rule and file only to be readable. */
export interface AuditBaseline {
  tool: 'mcpauth audit-config';
  version: 1;
  findings: Array<{ fingerprint: string; ruleId: string; file: string }>;
}

export function createBaseline(findings: readonly AuditFinding[]): AuditBaseline {
  const unique = new Map(findings.map((f) => [f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file }]));
  return { tool: 'mcpauth audit-config', version: 1, findings: [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId)) };
}

/** Accepts a baseline or any earlier `--json` report (both carry findings[].fingerprint). */
export function parseBaseline(text: string): Set<string> {
  const data = JSON.parse(text) as { findings?: unknown };
  if (!Array.isArray(data.findings)) throw new Error('expected an object with a "findings" array');
  const fingerprints = new Set<string>();
  for (const entry of data.findings) {
    const fingerprint = (entry as { fingerprint?: unknown }).fingerprint;
    if (typeof fingerprint === 'string') fingerprints.add(fingerprint);
  }
  return fingerprints;
}

/** The ignore file: one fingerprint per line, `#` starts a comment (like .gitleaksignore). */
export function parseIgnoreFile(text: string): Set<string> {
  const fingerprints = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const fingerprint = line.replace(/#.*/, '').trim().split(/\s+/)[0];
    if (fingerprint) fingerprints.add(fingerprint);
  }
  return fingerprints;
}

export function applySuppression(findings: readonly AuditFinding[], suppressed: ReadonlySet<string>): { kept: AuditFinding[]; dropped: number } {
  const kept = findings.filter((finding) => !suppressed.has(finding.fingerprint));
  return { kept, dropped: findings.length - kept.length };
}
