import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ParsedConfig, TreeNode } from './config-tree.js';

/**
 * JSON and JSONC through jsonc-parser, the parser VS Code's maintainers point to for their
 * "JSON with Comments" files (vscode#3641); it keeps offsets, so every value has a position.
 */
export function parseJsonConfig(text: string): ParsedConfig {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  return {
    format: 'json',
    root: tree ? convert(tree, text) : undefined,
    problems: errors.map((error) => ({ offset: error.offset, message: `JSON parse error: ${printParseErrorCode(error.error)}` })),
  };
}

function convert(node: Node, text: string): TreeNode {
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        offset: node.offset,
        entries: (node.children ?? []).flatMap((property) => {
          const [keyNode, valueNode] = property.children ?? [];
          if (!keyNode || !valueNode) return [];
          return [{ key: String(keyNode.value), keyOffset: keyNode.offset, value: convert(valueNode, text) }];
        }),
      };
    case 'array':
      return { type: 'array', offset: node.offset, items: (node.children ?? []).map((child) => convert(child, text)) };
    case 'string': {
      const value = String(node.value);
      const raw = text.slice(node.offset + 1, node.offset + node.length - 1);
      return { type: 'string', offset: node.offset + 1, value, exact: raw === value };
    }
    default:
      return { type: 'scalar', offset: node.offset, value: (node.value as number | boolean | null) ?? null };
  }
}
