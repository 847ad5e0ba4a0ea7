/**
 * The one tree every parser produces, so field extraction and detectors are format-blind.
 * Offsets point into the original text; a string's `offset` is where its content starts, and
 * `exact` says whether the source text there equals the decoded value (no escapes), so an index
 * inside the value maps to an exact column.
 */
export type TreeNode = ObjectNode | ArrayNode | StringNode | ScalarNode;

export interface ObjectNode {
  type: 'object';
  offset: number;
  entries: Array<{ key: string; keyOffset: number; value: TreeNode }>;
}

export interface ArrayNode {
  type: 'array';
  offset: number;
  items: TreeNode[];
}

export interface StringNode {
  type: 'string';
  offset: number;
  value: string;
  exact: boolean;
}

export interface ScalarNode {
  type: 'scalar';
  offset: number;
  value: number | boolean | null;
}

export type ConfigFormat = 'json' | 'toml' | 'yaml' | 'dotenv';

/** A parse failure is a finding at this offset, never a crash. */
export interface ParseProblem {
  offset: number;
  message: string;
}

export interface ParsedConfig {
  format: ConfigFormat;
  root: TreeNode | undefined;
  /** Further documents of a multi-document YAML file, each scanned like the first. */
  moreRoots?: TreeNode[];
  problems: ParseProblem[];
}

export function getChild(node: TreeNode | undefined, key: string): TreeNode | undefined {
  if (node?.type !== 'object') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i -= 1) {
    const entry = node.entries[i];
    if (entry?.key === key) return entry.value;
  }
  return undefined;
}

export function getPath(node: TreeNode | undefined, path: readonly string[]): TreeNode | undefined {
  let current = node;
  for (const key of path) current = getChild(current, key);
  return current;
}

/**
 * Every node at `path`, duplicates included: `{"mcpServers": {…}, "mcpServers": {}}` must not hide
 * the first map (parsers keep both entries; clients differ in which one wins).
 */
export function getAllAt(node: TreeNode, path: readonly string[]): Array<{ node: TreeNode; path: string[] }> {
  let current: Array<{ node: TreeNode; path: string[] }> = [{ node, path: [] }];
  for (const key of path) {
    current = current.flatMap((at) => (at.node.type === 'object' ? at.node.entries.filter((e) => e.key === key).map((e) => ({ node: e.value, path: [...at.path, key] })) : []));
  }
  return current;
}

/** RFC 6901: `~` -> `~0`, `/` -> `~1`. */
export function pointerOf(path: ReadonlyArray<string | number>): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
