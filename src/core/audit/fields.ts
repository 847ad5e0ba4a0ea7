import { getChild, getPath, type ObjectNode, type TreeNode } from './config-tree.js';
import type { DetectedClient } from '../clients/detect-client.js';
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
};

/** Every string of the file as a ValueSite; inside server entries with their field roles. */
export function extractSites(root: TreeNode, detected: DetectedClient): ValueSite[] {
  const sites: ValueSite[] = [];
  const serverMap = detected.serverPath.length > 0 ? getPath(root, detected.serverPath) : undefined;
  if (detected.profile.id === 'dotenv') {
    collect(root, [], 'env', '', undefined, sites);
    return sites;
  }
  walkOutside(root, [], serverMap, detected.serverPath, sites);
  for (const [name, server] of serverEntries(serverMap)) walkServer(server, [...detected.serverPath, name], sites);
  return sites;
}

export function serverEntries(serverMap: TreeNode | undefined): Array<[string | number, ObjectNode]> {
  if (serverMap?.type === 'object') return serverMap.entries.flatMap((e) => (e.value.type === 'object' ? [[e.key, e.value] as [string, ObjectNode]] : []));
  if (serverMap?.type === 'array') return serverMap.items.flatMap((item, i) => (item.type === 'object' ? [[i, item] as [number, ObjectNode]] : []));
  return [];
}

function walkOutside(node: TreeNode, path: Array<string | number>, serverMap: TreeNode | undefined, serverPath: string[], sites: ValueSite[]): void {
  if (node === serverMap) return;
  if (node.type === 'string') sites.push({ path, key: String(path[path.length - 1] ?? ''), role: 'other', node });
  if (node.type === 'object') for (const entry of node.entries) walkOutside(entry.value, [...path, entry.key], serverMap, serverPath, sites);
  if (node.type === 'array') node.items.forEach((item, i) => walkOutside(item, [...path, i], serverMap, serverPath, sites));
}

function walkServer(server: ObjectNode, path: Array<string | number>, sites: ValueSite[]): void {
  for (const { key, value } of server.entries) {
    const childPath = [...path, key];
    if (key === 'args' || (key === 'command' && value.type === 'array')) collectArgs(value, childPath, server, sites);
    else if (CHILD_ROLES[key]) collect(value, childPath, CHILD_ROLES[key] ?? 'other', key, server, sites);
    else if (value.type === 'string') sites.push({ path: childPath, key, role: LEAF_ROLES[key] ?? 'other', node: value, server });
    else collect(value, childPath, 'other', key, server, sites);
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
