/**
 * Just enough TOML structure for text-level edits: which table each line belongs to, and where a
 * key's line is. smol-toml can parse but its stringify drops every comment, so edits are made on
 * the text and then checked by parsing the result (rewrite-codex-toml.ts).
 */
export interface TomlLine {
  text: string;
  /** The table the line belongs to (for a header line: the table it opens). */
  table: string[];
  header: boolean;
  /** The key of a `key = value` line. */
  key?: string;
  /** Text after `=`, for a key line. */
  rest?: string;
}

const KEY = String.raw`"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+`;
export const STRING_VALUE = String.raw`"(?:[^"\\\n]|\\.)*"|'[^'\n]*'`;
const HEADER = /^\s*\[([^[\]]+)\]\s*(?:#.*)?$/;
const KEY_LINE = new RegExp(String.raw`^\s*(${KEY})\s*=\s*(.*)$`);

export function splitDottedKey(text: string): string[] {
  return [...text.matchAll(new RegExp(KEY, 'g'))].map((match) => unquoteKey(match[0]));
}

export function unquoteKey(key: string): string {
  if (key.startsWith('"')) return JSON.parse(key) as string;
  if (key.startsWith("'")) return key.slice(1, -1);
  return key;
}

/** A key as TOML text: bare when it can be, else a basic string. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

export function readTomlLines(text: string): TomlLine[] {
  let table: string[] = [];
  return text.split('\n').map((line) => {
    const header = HEADER.exec(line);
    if (header) {
      table = splitDottedKey(header[1] ?? '');
      return { text: line, table, header: true };
    }
    const keyLine = KEY_LINE.exec(line);
    if (!keyLine) return { text: line, table, header: false };
    return { text: line, table, header: false, key: unquoteKey(keyLine[1] ?? ''), rest: keyLine[2] ?? '' };
  });
}

export function sameTable(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

export function findKeyLine(lines: readonly TomlLine[], table: readonly string[], key: string): number {
  return lines.findIndex((line) => !line.header && line.key === key && sameTable(line.table, table));
}

/** Where a new key of `table` goes: after its last key line (before blank lines and the next header). */
export function insertionPoint(lines: readonly TomlLine[], table: readonly string[]): number {
  const start = lines.findIndex((line) => line.header && sameTable(line.table, table));
  if (start < 0) return -1;
  let last = start;
  for (let i = start + 1; i < lines.length && !lines[i]?.header; i += 1) {
    if ((lines[i]?.text.trim() ?? '') !== '' && !lines[i]?.text.trim().startsWith('#')) last = i;
  }
  return last + 1;
}

/** The pair `key = "..."` inside an inline table `{ ... }`, with one adjacent comma, as a span. */
export function inlinePairSpan(rest: string, key: string): { start: number; end: number } | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keyPattern = `(?:"${escaped}"|'${escaped}'${/^[A-Za-z0-9_-]+$/.test(key) ? `|${escaped}` : ''})`;
  const after = new RegExp(`(\\{|,)(\\s*${keyPattern}\\s*=\\s*(?:${STRING_VALUE})\\s*)(,|\\})`).exec(rest);
  if (!after) return undefined;
  const pairStart = after.index + (after[1]?.length ?? 0);
  const pairEnd = pairStart + (after[2]?.length ?? 0);
  // Remove the comma that separated it: the following one, or (for the last pair) the preceding one.
  if (after[3] === ',') return { start: pairStart, end: pairEnd + 1 };
  if (after[1] === ',') return { start: pairStart - 1, end: pairEnd };
  return { start: pairStart, end: pairEnd };
}
