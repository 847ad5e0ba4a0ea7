import { getAllAt, getChild, type ObjectNode, type TreeNode } from './config-tree.js';
import type { DetectedClient } from '../clients/detect-client.js';
import { isSecretKey } from './secret-keys.js';
import type { FieldRole, ValueSite } from './value-site.js';

// Which key of a server entry carries what (reference §0.2 and §1.2): literals to scan, and
// field-level env-var *names* (Codex, goose) that must not be read as secrets.
const CHILD_ROLES: Record<string, FieldRole> = {
  env: 'env', envs: 'env', environment: 'env',
  headers: 'header', http_headers: 'header',
  env_vars: 'env-name', env_keys: 'env-name', env_http_headers: 'env-name',
  settings: 'setting',
};
const LEAF_ROLES: Record<string, FieldRole> = {
  url: 'url', serverUrl: 'url', httpUrl: 'url', uri: 'url',
  command: 'command', cmd: 'command', bearer_token_env_var: 'env-name',
  // Codex before bearer_token_env_var: the token itself, inline.
  bearer_token: 'credential',
};
// Objects inside a server entry that are themselves shaped like one (Continue's legacy `transport`, `requestOptions`).
const NESTED_SERVER = new Set(['transport', 'requestOptions']);

/** Every server map of a detected config, duplicates and Claude Code project scopes included. */
export function serverMapsOf(root: TreeNode, detected: DetectedClient): Array<{ node: TreeNode; path: string[] }> {
  if (detected.serverPath.length === 0) return [];
  return [detected.serverPath, ...(detected.extraServerPaths ?? [])].flatMap((path) => getAllAt(root, path));
}

/** Every string of the file as a ValueSite; inside server entries with their field roles. */
export function extractSites(root: TreeNode, detected: DetectedClient): ValueSite[] {
  const sites: ValueSite[] = [];
  if (detected.profile.id === 'dotenv') {
    collect(root, [], 'env', '', undefined, sites);
    return sites;
  }
  const maps = serverMapsOf(root, detected);
  walkOutside(root, [], new Set(maps.map((map) => map.node)), sites);
  for (const map of maps) {
    for (const [name, server] of serverEntries(map.node)) {
      const first = sites.length;
      walkServer(server, [...map.path, name], sites);
      const label = typeof name === 'number' ? listItemName(server, name) : name;
      for (let i = first; i < sites.length; i += 1) (sites[i] as ValueSite).serverLabel = label;
    }
  }
  return sites;
}

/** Continue's list form: `name`, or `#1` for an unnamed item. */
function listItemName(server: ObjectNode, index: number): string {
  const name = getChild(server, 'name');
  return name?.type === 'string' ? name.value : `#${index + 1}`;
}

export function serverEntries(serverMap: TreeNode | undefined): Array<[string | number, ObjectNode]> {
  if (serverMap?.type === 'object') return serverMap.entries.flatMap((e) => (e.value.type === 'object' ? [[e.key, e.value] as [string, ObjectNode]] : []));
  if (serverMap?.type === 'array') return serverMap.items.flatMap((item, i) => (item.type === 'object' ? [[i, item] as [number, ObjectNode]] : []));
  return [];
}

/** Outside the server maps: header maps keep their role (Continue's requestOptions.headers), secret-named keys are judged. */
function walkOutside(node: TreeNode, path: Array<string | number>, serverMaps: ReadonlySet<TreeNode>, sites: ValueSite[]): void {
  if (serverMaps.has(node)) return;
  const key = String(path[path.length - 1] ?? '');
  if (node.type === 'string') sites.push({ path, key, role: isSecretKey(key) ? 'setting' : 'other', node });
  if (node.type === 'object' && (key === 'headers' || key === 'http_headers')) return collect(node, path, 'header', key, undefined, sites);
  if (node.type === 'object') for (const entry of node.entries) walkOutside(entry.value, [...path, entry.key], serverMaps, sites);
  if (node.type === 'array') node.items.forEach((item, i) => walkOutside(item, [...path, i], serverMaps, sites));
}

function walkServer(server: ObjectNode, path: Array<string | number>, sites: ValueSite[]): void {
  for (const { key, value } of server.entries) {
    const childPath = [...path, key];
    if (NESTED_SERVER.has(key) && value.type === 'object') walkServer(value, childPath, sites);
    else if (key === 'args' || (key === 'command' && value.type === 'array')) collectArgs(value, childPath, server, sites);
    else if (CHILD_ROLES[key]) collect(value, childPath, CHILD_ROLES[key] ?? 'other', key, server, sites);
    else if (value.type === 'string') sites.push({ path: childPath, key, role: LEAF_ROLES[key] ?? (isSecretKey(key) ? 'setting' : 'other'), node: value, server });
    // Anything else nested in a server (`auth: { token }`, `oauth: { clientSecret }`): judged by its key names.
    else collect(value, childPath, 'setting', key, server, sites);
  }
}

function collect(node: TreeNode, path: Array<string | number>, role: FieldRole, key: string, server: ObjectNode | undefined, sites: ValueSite[]): void {
  if (node.type === 'string') sites.push({ path, key, role, node, server });
  if (node.type === 'object') for (const entry of node.entries) collect(entry.value, [...path, entry.key], role, entry.key, server, sites);
  if (node.type === 'array') node.items.forEach((item, i) => collect(item, [...path, i], role, key, server, sites));
}

function collectArgs(node: TreeNode, path: Array<string | number>, server: ObjectNode, sites: ValueSite[]): void {
  if (node.type !== 'array') return collect(node, path, 'arg', '', server, sites);
  let previousArg: string | undefined;
  node.items.forEach((item, i) => {
    if (item.type === 'string') sites.push({ path: [...path, i], key: previousArg ?? '', role: 'arg', node: item, server, previousArg });
    previousArg = item.type === 'string' ? item.value : undefined;
  });
}

export function usesMcpRemote(server: ObjectNode | undefined): boolean {
  if (!server) return false;
  const texts = [getChild(server, 'command'), getChild(server, 'cmd'), getChild(server, 'args')].flatMap((n) =>
    n?.type === 'string' ? [n.value] : n?.type === 'array' ? n.items.flatMap((i) => (i.type === 'string' ? [i.value] : [])) : [],
  );
  return texts.some((text) => /(?:^|[\s/])mcp-remote(?:@|\s|$)/.test(text));
}
