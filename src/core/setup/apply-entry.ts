import { applyEdits, modify, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { Document, isMap, isSeq, parseDocument } from 'yaml';
import { detectFormatting } from '../rotate/config/rewrite-jsonc.js';
import { readTomlLines, tomlKey } from '../rotate/config/toml-lines.js';
import type { ConfigFormat } from './client-writer.js';

export interface EntryPlacement {
  format: ConfigFormat;
  /** Key path of the server map or list. */
  serverPath: readonly string[];
  shape: 'map' | 'list';
  name: string;
  value: Record<string, unknown>;
  /** The document to start from when the file is missing or empty. */
  emptyDocument: Record<string, unknown>;
}

export type EntryChange = 'added' | 'updated' | 'unchanged';

export interface AppliedEntry {
  after: string;
  change: EntryChange;
}

/** The file's text could not be read as its format: nothing is written, the user is told where. */
export class ConfigParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigParseError';
  }
}

/**
 * Puts one server entry into a config text, keeping everything else as written: jsonc-parser edits
 * for JSON/JSONC, yaml's Document for YAML (both keep comments), line edits checked by re-parsing
 * for TOML. Running it on its own output changes nothing.
 */
export function applyEntry(text: string, placement: EntryPlacement): AppliedEntry {
  switch (placement.format) {
    case 'json':
    case 'jsonc':
      return applyJson(text, placement);
    case 'yaml':
      return applyYaml(text, placement);
    case 'toml':
      return applyToml(text, placement);
  }
}

/** The parsed document (for shape decisions such as opencode v1/v2); undefined when empty. */
export function readDocument(text: string, format: ConfigFormat): unknown {
  if (text.trim() === '') return undefined;
  if (format === 'toml') return parseTomlText(text);
  if (format === 'yaml') return parseYamlText(text).toJS() as unknown;
  return parseJsonText(text);
}

function parseJsonText(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) throw new ConfigParseError(`it is not valid JSON (error at offset ${errors[0]?.offset ?? 0})`);
  return value;
}

function applyJson(text: string, placement: EntryPlacement): AppliedEntry {
  const base = text.trim() === '' ? `${JSON.stringify(placement.emptyDocument, null, 2)}\n` : text;
  const root = parseJsonText(base);
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new ConfigParseError('its top level is not a JSON object');
  const existing = valueAt(root, [...placement.serverPath, placement.name]);
  if (sameValue(existing, placement.value)) return { after: text, change: 'unchanged' };
  const formattingOptions = detectFormatting(base);
  const edits = modify(base, [...placement.serverPath, placement.name], placement.value, { formattingOptions });
  return { after: applyEdits(base, edits), change: existing === undefined ? 'added' : 'updated' };
}

function parseYamlText(text: string): ReturnType<typeof parseDocument> {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new ConfigParseError(`it is not valid YAML (${doc.errors[0]?.message.split('\n')[0] ?? 'parse error'})`);
  return doc;
}

function applyYaml(text: string, placement: EntryPlacement): AppliedEntry {
  const doc = text.trim() === '' ? new Document(placement.emptyDocument) : parseYamlText(text);
  if (!isMap(doc.contents)) throw new ConfigParseError('its top level is not a YAML mapping');
  if (placement.shape === 'map') {
    const path = [...placement.serverPath, placement.name];
    const existing = (doc.getIn(path, false) as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? doc.getIn(path);
    if (sameValue(existing, placement.value)) return { after: text, change: 'unchanged' };
    doc.setIn(path, doc.createNode(placement.value));
    return { after: doc.toString(), change: existing === undefined ? 'added' : 'updated' };
  }
  const list = doc.getIn(placement.serverPath, true);
  if (list === undefined || list === null) {
    doc.setIn(placement.serverPath, doc.createNode([placement.value]));
    return { after: doc.toString(), change: 'added' };
  }
  if (!isSeq(list)) throw new ConfigParseError(`${placement.serverPath.join('.')} is not a list`);
  const items = list.toJSON() as unknown[];
  const index = items.findIndex((item) => (item as { name?: unknown } | null)?.name === placement.name);
  if (index >= 0 && sameValue(items[index], placement.value)) return { after: text, change: 'unchanged' };
  if (index >= 0) list.set(index, doc.createNode(placement.value));
  else list.add(doc.createNode(placement.value));
  return { after: doc.toString(), change: index >= 0 ? 'updated' : 'added' };
}

function parseTomlText(text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigParseError(`it is not valid TOML (${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * TOML: smol-toml's stringify would drop every comment, so the entry's tables are written as text:
 * an existing `[mcp_servers.<name>]` block (with its sub-tables) is replaced, else one is appended.
 */
function applyToml(text: string, placement: EntryPlacement): AppliedEntry {
  const root = text.trim() === '' ? {} : parseTomlText(text);
  const table = [...placement.serverPath, placement.name];
  const existing = valueAt(root, table);
  if (sameValue(existing, placement.value)) return { after: text, change: 'unchanged' };
  const block = tomlTables(table, placement.value);
  const lines = readTomlLines(text);
  const inBlock = (tableOf: readonly string[]) => table.every((segment, i) => tableOf[i] === segment);
  const start = lines.findIndex((line) => line.header && inBlock(line.table));
  let after: string;
  if (start < 0) {
    const separator = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    after = `${text}${separator}${block}`;
  } else {
    let end = start + 1;
    while (end < lines.length && !(lines[end]?.header && !inBlock(lines[end]?.table ?? []))) end += 1;
    // Keep the blank lines and comments that lead into the next table.
    while (end > start + 1 && /^\s*(#.*)?$/.test(lines[end - 1]?.text ?? '')) end -= 1;
    const kept = lines.map((line) => line.text);
    after = [...kept.slice(0, start), block.replace(/\n$/, ''), ...kept.slice(end)].join('\n');
  }
  if (!sameValue(valueAt(parseTomlText(after), table), placement.value)) {
    throw new ConfigParseError(`the [${table.join('.')}] table is laid out in a way mcpauth cannot edit safely (dotted keys or inline tables); edit it by hand`);
  }
  return { after, change: existing === undefined ? 'added' : 'updated' };
}

/** `[a.b]` with scalar and array keys, then one sub-table per object-valued key. */
function tomlTables(path: readonly string[], value: Record<string, unknown>): string {
  const scalars = Object.entries(value).filter(([, v]) => !isPlainObject(v));
  const tables = Object.entries(value).filter(([, v]) => isPlainObject(v));
  const lines = [`[${path.map(tomlKey).join('.')}]`, ...scalars.map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`)];
  const sub = tables.map(([k, v]) => tomlTables([...path, k], v as Record<string, unknown>));
  return [`${lines.join('\n')}\n`, ...sub].join('\n');
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  throw new Error(`no TOML text for ${typeof value}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Deep equality of plain JSON-like values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return false;
}
