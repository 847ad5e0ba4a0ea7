import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { suggestEnvName, type SecretSite } from './secret-site.js';

/**
 * The fields of an audit-config finding the rewrite needs (src/core/audit/finding.ts AuditFinding
 * fits). Positions are 1-based; columns in UTF-16 code units; endColumn is exclusive (SARIF).
 */
export interface SecretFindingLike {
  ruleId: string;
  category: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** RFC 6901 JSON pointer of the value. */
  pointer: string;
  client: string;
}

const SERVER_MAPS = new Set(['mcpServers', 'servers', 'context_servers', 'mcp', 'mcp_servers', 'extensions']);

/** Turns audit's secret findings into rewrite sites: the literal from its span, the value from the document. */
export function sitesFromFindings(text: string, findings: readonly SecretFindingLike[]): SecretSite[] {
  const document = parseDocument(findings[0]?.file ?? '', text);
  const sites: SecretSite[] = [];
  for (const finding of findings) {
    // Info-level "secrets" are public by design (publishable keys, anon keys): nothing to move.
    if (finding.category !== 'secret' || finding.severity === 'info' || finding.pointer === '') continue;
    const jsonPath = pathOf(document, finding.pointer);
    const value = valueAt(document, jsonPath);
    if (typeof value !== 'string') continue;
    const span = sliceSpan(text, finding);
    const secret = span !== '' && value.includes(span) ? span : value;
    sites.push({ file: finding.file, client: finding.client, jsonPath, value, secret, envName: suggestEnvName(jsonPath, serverIndexOf(jsonPath)), ruleId: finding.ruleId });
  }
  return sites;
}

function parseDocument(file: string, text: string): unknown {
  try {
    return /\.toml$/i.test(file) ? parseToml(text) : parseJsonc(text, [], { allowTrailingComma: true });
  } catch {
    return undefined;
  }
}

/** RFC 6901: `~1` is `/`, `~0` is `~`; array segments become numbers (jsonc-parser paths need them). */
function pathOf(document: unknown, pointer: string): Array<string | number> {
  const path: Array<string | number> = [];
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(node) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}

function valueAt(document: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = document;
  for (const step of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

function sliceSpan(text: string, finding: SecretFindingLike): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const start = (starts[finding.line - 1] ?? 0) + finding.column - 1;
  const end = (starts[finding.endLine - 1] ?? 0) + finding.endColumn - 1;
  return end > start ? text.slice(start, end) : '';
}

/** The index of the server name: the segment after the server map (VS Code nests `mcp.servers`). */
function serverIndexOf(path: ReadonlyArray<string | number>): number {
  let index = path.findIndex((segment) => typeof segment === 'string' && SERVER_MAPS.has(segment));
  if (index >= 0 && path[index + 1] === 'servers') index += 1;
  return index + 1;
}
