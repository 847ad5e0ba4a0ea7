import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { ParsedConfig, TreeNode } from './config-tree.js';

/** YAML (goose, Continue) through the `yaml` package, which keeps each node's source range. */
export function parseYamlConfig(text: string): ParsedConfig {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const problems = doc.errors.map((error) => ({ offset: error.pos[0], message: `YAML parse error: ${firstLine(error.message)}` }));
  const root = doc.contents ? convert(doc.contents as YamlNode, text) : undefined;
  return { format: 'yaml', root, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function convert(node: YamlNode, text: string): TreeNode {
  const offset = node.range?.[0] ?? 0;
  if (isMap(node)) {
    return {
      type: 'object',
      offset,
      entries: node.items.flatMap((pair) => {
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        const keyText = isScalar(key) ? String(key.value) : '';
        const keyOffset = key?.range?.[0] ?? offset;
        const converted: TreeNode = value ? convert(value, text) : { type: 'scalar', offset: keyOffset, value: null };
        return [{ key: keyText, keyOffset, value: converted }];
      }),
    };
  }
  if (isSeq(node)) return { type: 'array', offset, items: node.items.map((item) => convert(item as YamlNode, text)) };
  if (isScalar(node) && typeof node.value === 'string') return locateString(node.value, node.range ?? [offset, offset, offset], text);
  if (isScalar(node)) {
    const value = node.value;
    return { type: 'scalar', offset, value: typeof value === 'number' || typeof value === 'boolean' ? value : null };
  }
  return { type: 'scalar', offset, value: null };
}

function locateString(value: string, range: readonly [number, number, number], text: string): TreeNode {
  const [start, end] = range;
  if (text.slice(start, end) === value) return { type: 'string', offset: start, value, exact: true };
  const inner = text.slice(start + 1, end - 1);
  if (inner === value) return { type: 'string', offset: start + 1, value, exact: true };
  return { type: 'string', offset: start, value, exact: false };
}
