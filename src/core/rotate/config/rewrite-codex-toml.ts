import { parse } from 'smol-toml';
import { addMoved, type EnvNamer } from './env-names.js';
import type { TextRewrite } from './rewrite-jsonc.js';
import type { SecretSite, SkippedSite } from './secret-site.js';
import { findKeyLine, inlinePairSpan, insertionPoint, readTomlLines, tomlKey, type TomlLine } from './toml-lines.js';

/** What replaces a literal in Codex: a field that names the variable (codex docs/config.md, MCP). */
type CodexTarget = { field: 'env_vars'; name: string } | { field: 'bearer_token_env_var'; name: string } | { field: 'env_http_headers'; header: string; name: string };

/**
 * Codex expands no `${VAR}` in MCP entries; it reads secrets from variables named in
 * `env_vars = ["NAME"]`, `bearer_token_env_var = "NAME"` and `env_http_headers = { "H" = "NAME" }`.
 * So the literal pair is removed from `env` / `http_headers` and its name added to the matching field.
 */
export function rewriteCodexToml(text: string, sites: readonly SecretSite[], nameFor: EnvNamer): TextRewrite {
  let current = text;
  const moved: TextRewrite['moved'] = [];
  const skipped: SkippedSite[] = [];
  for (const site of sites) {
    const [root, server, field, key] = site.jsonPath;
    if (root !== 'mcp_servers' || typeof server !== 'string' || (field !== 'env' && field !== 'http_headers') || typeof key !== 'string' || site.jsonPath.length !== 4) {
      skipped.push({ site, reason: 'field-not-rewritable', detail: 'Codex only reads secrets by name from env_vars, bearer_token_env_var and env_http_headers; move this value by hand' });
      continue;
    }
    const stored = valueAt(current, site.jsonPath);
    if (stored === undefined || !stored.includes(site.secret)) {
      skipped.push({ site, reason: 'already-referenced', detail: 'the literal is no longer there (already moved)' });
      continue;
    }
    // Codex takes the whole variable as the value (bearer_token_env_var: the token after "Bearer ").
    const bearer = field === 'http_headers' && /^authorization$/i.test(key) && stored === `Bearer ${site.secret}`;
    const secret = bearer ? site.secret : stored;
    const name = nameFor(site.envName, secret);
    const target: CodexTarget = field === 'env' ? { field: 'env_vars', name } : bearer ? { field: 'bearer_token_env_var', name } : { field: 'env_http_headers', header: key, name };
    const edited = removePair(current, [root, server, field], key);
    const next = edited === undefined ? undefined : addReference(edited, [root, server], target);
    if (next === undefined || !verify(next, site.jsonPath, target)) {
      skipped.push({ site, reason: 'layout-not-supported', detail: `could not edit this TOML layout safely; set ${describeTarget(target)} and remove the literal by hand` });
      continue;
    }
    current = next;
    addMoved(moved, { envName: name, secret, ruleId: site.ruleId });
  }
  return { after: current, moved, skipped };
}

function describeTarget(target: CodexTarget): string {
  if (target.field === 'env_vars') return `env_vars = ["${target.name}"]`;
  if (target.field === 'bearer_token_env_var') return `bearer_token_env_var = "${target.name}"`;
  return `env_http_headers = { ${JSON.stringify(target.header)} = "${target.name}" }`;
}

function valueAt(text: string, path: ReadonlyArray<string | number>): string | undefined {
  let node: unknown;
  try {
    node = parse(text);
  } catch {
    return undefined;
  }
  for (const segment of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[String(segment)] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** Removes `key = "..."` from `[table]` (its own line) or from `field = { ... }` in the parent table. */
function removePair(text: string, table: string[], key: string): string | undefined {
  const lines = readTomlLines(text);
  const own = findKeyLine(lines, table, key);
  if (own >= 0) return join(lines.filter((_, index) => index !== own));
  const inline = findKeyLine(lines, table.slice(0, -1), table[table.length - 1] ?? '');
  const line = lines[inline];
  if (line?.rest === undefined) return undefined;
  const offset = line.text.length - line.rest.length;
  const span = inlinePairSpan(line.rest, key);
  if (!span) return undefined;
  const textAfter = (line.text.slice(0, offset + span.start) + line.text.slice(offset + span.end)).replace(/\{\s+\}/, '{}');
  // A table left empty (`http_headers = {}`) says nothing: drop the line rather than leave it behind.
  if (/^\s*[^=]+=\s*\{\}\s*\r?$/.test(textAfter)) return join(lines.filter((_, index) => index !== inline));
  return join(lines.map((other, index) => (index === inline ? { ...other, text: textAfter } : other)));
}

function addReference(text: string, table: string[], target: CodexTarget): string | undefined {
  const lines = readTomlLines(text);
  const existing = findKeyLine(lines, table, target.field);
  const line = lines[existing];
  if (target.field === 'bearer_token_env_var') {
    if (existing >= 0) return undefined;
    return insert(lines, table, `bearer_token_env_var = ${JSON.stringify(target.name)}`);
  }
  const entry = target.field === 'env_vars' ? JSON.stringify(target.name) : `${tomlKey(target.header)} = ${JSON.stringify(target.name)}`;
  if (line === undefined) {
    return insert(lines, table, target.field === 'env_vars' ? `env_vars = [${entry}]` : `env_http_headers = { ${entry} }`);
  }
  if (target.field === 'env_vars' && line.rest?.includes(JSON.stringify(target.name))) return text;
  const close = target.field === 'env_vars' ? ']' : '}';
  const at = line.text.lastIndexOf(close);
  if (at < 0) return undefined;
  const before = line.text.slice(0, at).trimEnd();
  const separator = /[[{]$/.test(before) ? (close === '}' ? ' ' : '') : ', ';
  const updated = `${before}${separator}${entry}${close === '}' ? ' ' : ''}${line.text.slice(at)}`;
  return join(lines.map((other, index) => (index === existing ? { ...other, text: updated } : other)));
}

function insert(lines: TomlLine[], table: string[], newLine: string): string | undefined {
  const at = insertionPoint(lines, table);
  if (at < 0) return undefined;
  const eol = lines[0]?.text.endsWith('\r') ? '\r' : '';
  return join([...lines.slice(0, at), { text: `${newLine}${eol}`, table, header: false }, ...lines.slice(at)]);
}

function join(lines: readonly TomlLine[]): string {
  return lines.map((line) => line.text).join('\n');
}

/** The edit is kept only if the result parses, the literal is gone and the name is where Codex reads it. */
function verify(text: string, path: ReadonlyArray<string | number>, target: CodexTarget): boolean {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (valueAt(text, path) !== undefined) return false;
  const server = (document.mcp_servers as Record<string, Record<string, unknown>> | undefined)?.[String(path[1])];
  if (!server) return false;
  if (target.field === 'env_vars') return Array.isArray(server.env_vars) && server.env_vars.includes(target.name);
  if (target.field === 'bearer_token_env_var') return server.bearer_token_env_var === target.name;
  return (server.env_http_headers as Record<string, unknown> | undefined)?.[target.header] === target.name;
}
