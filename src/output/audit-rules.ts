import type { AuditRule } from '../core/audit/rules.js';
import type { Style } from './style.js';

/** `--list-rules`: one line per rule, grouped by category. */
export function renderAuditRules(rules: readonly AuditRule[], style: Style): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines: string[] = [];
  for (const category of ['secret', 'insecure-setting', 'hygiene'] as const) {
    const inCategory = rules.filter((rule) => rule.category === category);
    lines.push(style.bold(`${category} (${inCategory.length})`));
    for (const rule of inCategory) lines.push(`  ${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.title}`);
    lines.push('');
  }
  return `${lines.join('\n')}${rules.length} rules.\n`;
}

export function renderAuditRulesJson(rules: readonly AuditRule[]): string {
  return `${JSON.stringify({ rules }, null, 2)}\n`;
}
