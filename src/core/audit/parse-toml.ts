import { parse, TomlError } from 'smol-toml';
import type { ParsedConfig, TreeNode } from './config-tree.js';

/**
 * TOML (Codex) through smol-toml. smol-toml returns plain values without positions, so each
 * value is located afterwards by walking its key path through the text (key after key, then the
 * quoted value), which is exact for the flat shapes MCP configs use.
 */
export function parseTomlConfig(text: string): ParsedConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      return { format: 'toml', root: undefined, problems: [{ offset: offsetOf(text, error.line, error.column), message: `TOML parse error: ${firstLine(error.message)}` }] };
    }
    throw error;
  }
  return { format: 'toml', root: convert(data, text, 0), problems: [] };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + Math.max(0, column - 1);
}

function convert(value: unknown, text: string, from: number): TreeNode {
  if (Array.isArray(value)) {
    let cursor = from;
    const items = value.map((item) => {
      const node = convert(item, text, cursor);
      if (node.type === 'string') cursor = node.offset + node.value.length;
      return node;
    });
    return { type: 'array', offset: from, items };
  }
  if (typeof value === 'string') return locateValue(value, text, from);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).map(([key, child]) => {
      const keyOffset = findKey(text, key, from);
      return { key, keyOffset, value: convert(child, text, keyOffset) };
    });
    return { type: 'object', offset: from, entries };
  }
  return { type: 'scalar', offset: from, value: typeof value === 'number' || typeof value === 'boolean' ? value : null };
}

function findKey(text: string, key: string, from: number): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:^|[\\s{,.\\[])(?:"${escaped}"|'${escaped}'|${escaped})\\s*[=.\\]]`, 'gm');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match) return from;
  return match.index + match[0].search(/["'\w-]/);
}

function locateValue(value: string, text: string, from: number): TreeNode {
  for (const quote of ['"', "'"]) {
    const at = text.indexOf(`${quote}${value}${quote}`, from);
    if (at >= 0) return { type: 'string', offset: at + 1, value, exact: true };
  }
  const raw = text.indexOf(value, from);
  if (raw >= 0) return { type: 'string', offset: raw, value, exact: true };
  const eq = text.indexOf('=', from);
  return { type: 'string', offset: eq >= 0 ? eq + 1 : from, value, exact: false };
}
