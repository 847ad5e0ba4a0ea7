import { getChild, getPath, type TreeNode } from '../audit/config-tree.js';
import type { ClientId, McpClient, ServerMap } from './client.js';
import { CLIENTS } from './registry.js';

/** Where the server map of a detected config lives, and whose it is. */
export interface DetectedClient {
  profile: McpClient;
  /** Key path of the server map (object or list). Empty for settings-only files. */
  serverPath: string[];
  /** More server maps in the same file: Claude Code's local scope, `projects["/abs/path"].mcpServers` in ~/.claude.json. */
  extraServerPaths?: string[][];
}

// By place first, most specific path first (`.gemini/antigravity/` before `.gemini/`).
const BY_PLACE: readonly ClientId[] = [
  'cursor', 'roo', 'kiro', 'amazon-q', 'antigravity', 'gemini', 'windsurf', 'claude-desktop', 'cline', 'junie', 'copilot-cli', 'continue', 'amp', 'claude-code',
];
// Then by shape alone, for files found anywhere: the root key decides (reference §0.1).
const BY_SHAPE: readonly ClientId[] = ['codex', 'zed', 'continue', 'amp', 'generic', 'opencode', 'crush', 'visual-studio', 'vscode', 'goose'];

/** Detect by place when a client's server map is there, else by root key: `.mcp.json` is Claude Code or Visual Studio by shape. */
export function detectClient(path: string, root: TreeNode | undefined): DetectedClient | undefined {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (/^\.env|\.env$/.test(base)) return { profile: CLIENTS.dotenv, serverPath: [] };
  if (root?.type !== 'object') return undefined;
  for (const id of BY_PLACE) {
    const client = CLIENTS[id];
    const map = client.place?.test(lower) ? findServerMap(client, root) : undefined;
    if (map) return withProjects({ profile: client, serverPath: [...map.path] }, root);
  }
  const schemaNode = getChild(root, '$schema');
  const facts = { base, schema: schemaNode?.type === 'string' ? schemaNode.value : undefined, root };
  for (const id of BY_SHAPE) {
    const client = CLIENTS[id];
    if (client.recognise && !client.recognise(facts)) continue;
    const map = findServerMap(client, root);
    if (map) return { profile: client, serverPath: [...map.path] };
  }
  if (CLIENTS['claude-settings'].place?.test(lower)) return { profile: CLIENTS['claude-settings'], serverPath: [] };
  // Amazon Q / Kiro agent files may only pre-approve tools (`allowedTools` with `includeMcpJson`), no servers of their own.
  for (const id of ['amazon-q', 'kiro'] as const) {
    if (CLIENTS[id].place?.test(lower) && getChild(root, 'allowedTools')?.type === 'array') return { profile: CLIENTS[id], serverPath: [] };
  }
  return undefined;
}

function withProjects(detected: DetectedClient, root: TreeNode): DetectedClient {
  const projects = detected.profile.id === 'claude-code' ? getChild(root, 'projects') : undefined;
  if (projects?.type !== 'object') return detected;
  const extra = projects.entries.filter((entry) => getChild(entry.value, 'mcpServers')?.type === 'object').map((entry) => ['projects', entry.key, 'mcpServers']);
  return extra.length > 0 ? { ...detected, extraServerPaths: extra } : detected;
}

function findServerMap(client: McpClient, root: TreeNode): ServerMap | undefined {
  return client.serverMaps.find((map) => {
    const node = getPath(root, map.path);
    return map.shape === 'list' ? node?.type === 'array' : node?.type === 'object';
  });
}
