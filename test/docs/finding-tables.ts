import { AUDIT_RULES } from '../../src/core/audit/rules.js';
import { FINDING_CATALOGUE, findingSources, type FindingId } from '../../src/core/probe/catalogue.js';
import { SCOPE_FINDINGS } from '../../src/core/scopes/scope-findings.js';
import { TOKEN_FINDINGS } from '../../src/core/token/token-findings.js';
import { specMarkdown } from './spec-links.js';

/**
 * The catalogue tables in docs/ are generated from the catalogues themselves (one home per concept):
 * `npm run docs:tables` rewrites them between `<!-- generated:NAME -->` and `<!-- /generated -->`, and
 * test/docs/docs.test.ts fails when a page has drifted.
 */

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (id: string): string => `\`${id}\``;

/** Spec findings link their rule; IdP findings (no spec rule) link the sources of the observed behaviour. */
function ruleMarkdown(id: FindingId, spec: string): string {
  const sources = findingSources(id);
  if (!sources) return specMarkdown(spec);
  return `IdP behaviour: ${sources.map((url, i) => `[source ${i + 1}](${url})`).join(', ')}`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export const GENERATED_TABLES: Record<string, () => string> = {
  'probe-findings': () =>
    table(
      ['id', 'severity', 'when', 'rule', 'fix'],
      Object.entries(FINDING_CATALOGUE).map(([id, kind]) => [code(id), kind.severity, cell(kind.title), ruleMarkdown(id as FindingId, kind.spec), cell(kind.fix)]),
    ),
  'token-findings': () =>
    table(
      ['id', 'severity', 'meaning', 'fix'],
      Object.entries(TOKEN_FINDINGS).map(([id, entry]) => [code(id), entry.severity, cell(entry.title), cell(entry.fix)]),
    ),
  'scope-findings': () =>
    table(
      ['id', 'severity', 'meaning', 'fix'],
      Object.entries(SCOPE_FINDINGS).map(([id, entry]) => [code(id), entry.severity, cell(entry.title), cell(entry.fix)]),
    ),
  'audit-rules': () =>
    table(
      ['rule', 'category', 'severity', 'what'],
      AUDIT_RULES.map((rule) => [code(rule.id), rule.category, rule.severity, cell(rule.title)]),
    ),
};

const BLOCK = /<!-- generated:([a-z-]+) -->\n[\s\S]*?<!-- \/generated -->/g;

/** The page with every generated block replaced by its current rendering. */
export function renderGeneratedBlocks(page: string): string {
  return page.replace(BLOCK, (_whole, name: string) => {
    const render = GENERATED_TABLES[name];
    if (!render) throw new Error(`unknown generated block: ${name}`);
    return `<!-- generated:${name} -->\n${render()}\n<!-- /generated -->`;
  });
}
