import type { ParsedConfig, TreeNode } from './config-tree.js';

/**
 * `.env` files, dotenv rules: `KEY=value`, optional `export `, `#` comment lines, quotes
 * stripped, an unquoted value ends at ` #` (a comment only when preceded by whitespace).
 * Lines that are not assignments are skipped, never an error: dialects differ too much.
 */
export function parseDotenv(text: string): ParsedConfig {
  const entries: Array<{ key: string; keyOffset: number; value: TreeNode }> = [];
  const pattern = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const key = match[1] ?? '';
    const keyOffset = match.index + match[0].indexOf(key);
    const valueOffset = match.index + match[0].length - (match[2] ?? '').length;
    // Node's --env-file and dotenv 15+ take quoted values across lines: read to the closing quote.
    const rest = multiLineRest(text, valueOffset) ?? (match[2] ?? '').replace(/\r$/, '');
    entries.push({ key, keyOffset, value: readValue(rest, valueOffset) });
    pattern.lastIndex = Math.max(pattern.lastIndex, valueOffset + rest.length);
  }
  return { format: 'dotenv', root: { type: 'object', offset: 0, entries }, problems: [] };
}

function multiLineRest(text: string, offset: number): string | undefined {
  const quote = text[offset];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  const lineEnd = text.indexOf('\n', offset);
  const close = text.indexOf(quote, offset + 1);
  if (close < 0 || lineEnd < 0 || close < lineEnd) return undefined;
  return text.slice(offset, close + 1);
}

function readValue(rest: string, offset: number): TreeNode {
  const quote = rest[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = rest.indexOf(quote, 1);
    const inner = end > 0 ? rest.slice(1, end) : rest.slice(1);
    const value = quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
    return { type: 'string', offset: offset + 1, value, exact: value === inner };
  }
  const comment = rest.search(/\s#/);
  const value = (comment >= 0 ? rest.slice(0, comment) : rest).trimEnd();
  return { type: 'string', offset, value, exact: true };
}
