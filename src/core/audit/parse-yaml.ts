import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { ParsedConfig, TreeNode } from './config-tree.js';

// Alias expansion is bounded: a "billion laughs" document must not blow up the tree.
const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * YAML (goose, Continue) through the `yaml` package, which keeps each node's source range. Every
 * document of a multi-document file is scanned (a secret in the second one is still committed),
 * and aliases are resolved to their anchor, which is where the literal sits.
 */
export function parseYamlConfig(text: string): ParsedConfig {
  const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const docs = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Document.Parsed>;
  const problems = docs.flatMap((doc) => doc.errors.map((error) => ({ offset: error.pos[0], message: `YAML parse error: ${firstLine(error.message)}` })));
  const budget = { aliases: MAX_ALIAS_EXPANSIONS };
  const roots = docs.flatMap((doc) => (doc.contents ? [convert(doc.contents as YamlNode, text, doc, budget)] : []));
  return { format: 'yaml', root: roots[0], ...(roots.length > 1 ? { moreRoots: roots.slice(1) } : {}), problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function convert(input: YamlNode, text: string, doc: Document.Parsed, budget: { aliases: number }): TreeNode {
  let node = input;
  if (isAlias(node)) {
    const target = budget.aliases-- > 0 ? (node.resolve(doc) as YamlNode | undefined) : undefined;
    if (!target || isAlias(target)) return { type: 'scalar', offset: node.range?.[0] ?? 0, value: null };
    node = target;
  }
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
        const converted: TreeNode = value ? convert(value, text, doc, budget) : { type: 'scalar', offset: keyOffset, value: null };
        return [{ key: keyText, keyOffset, value: converted }];
      }),
    };
  }
  if (isSeq(node)) return { type: 'array', offset, items: node.items.map((item) => convert(item as YamlNode, text, doc, budget)) };
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
