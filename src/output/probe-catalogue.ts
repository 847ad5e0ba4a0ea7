import type { FindingKind } from '../core/probe/catalogue.js';
import type { Style } from './style.js';

export type CatalogueEntry = FindingKind & { id: string };

/** `probe --list-findings`: every finding id, its severity, when it is reported, the rule and the fix. */
export function renderCatalogueHuman(entries: CatalogueEntry[], style: Style): string {
  const width = Math.max(...entries.map((e) => e.id.length));
  const lines = entries.flatMap((e) => [
    `${style.bold(e.id.padEnd(width))}  ${e.severity.padEnd(7)}  ${e.title}`,
    `${' '.repeat(width + 11)}${style.dim('rule:')} ${e.spec}`,
    `${' '.repeat(width + 11)}${style.dim('fix: ')} ${e.fix}`,
  ]);
  return `${lines.join('\n')}\n`;
}

export function renderCatalogueJson(entries: CatalogueEntry[]): string {
  const findings = entries.map(({ id, severity, title, spec, fix }) => ({ id, severity, when: title, spec, fix }));
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
