import { getChild, getPath, type TreeNode } from './config-tree.js';
import type { ReferenceSyntax } from './references.js';

export type ClientId =
  | 'claude-code' | 'claude-settings' | 'claude-desktop' | 'cursor' | 'vscode' | 'visual-studio' | 'windsurf'
  | 'antigravity' | 'zed' | 'continue' | 'cline' | 'roo' | 'codex' | 'gemini' | 'goose' | 'amazon-q' | 'kiro'
  | 'copilot-cli' | 'opencode' | 'junie' | 'generic' | 'dotenv';

export interface ClientProfile {
  id: ClientId;
  name: string;
  /** Syntaxes the client expands; 'unknown' when its docs say nothing (no hygiene finding then). */
  expands: readonly ReferenceSyntax[] | 'unknown';
  /** How to reference a secret instead of pasting it, in this client's syntax. */
  envFix: string;
}

const VSCODE: readonly ReferenceSyntax[] = ['input', 'env-colon', 'predefined'];

// Per-client facts from ../shared/reference/mcp-client-configs-and-secrets.md §1.1 and §1.3.
export const CLIENTS: Record<ClientId, ClientProfile> = {
  'claude-code': { id: 'claude-code', name: 'Claude Code', expands: ['dollar-brace', 'dollar-brace-default'], envFix: 'reference it as "${VAR}" and export VAR in your shell' },
  'claude-settings': { id: 'claude-settings', name: 'Claude Code settings', expands: 'unknown', envFix: '' },
  'claude-desktop': { id: 'claude-desktop', name: 'Claude Desktop', expands: [], envFix: 'Claude Desktop expands no variables: keep this file out of git, or launch the server through a wrapper that reads the secret from the environment' },
  cursor: { id: 'cursor', name: 'Cursor', expands: ['env-colon', 'predefined'], envFix: 'reference it as "${env:VAR}" (or use envFile with a git-ignored .env)' },
  vscode: { id: 'vscode', name: 'VS Code', expands: VSCODE, envFix: 'reference it as "${input:id}" with an inputs entry {"type": "promptString", "password": true}, or "${env:VAR}"' },
  'visual-studio': { id: 'visual-studio', name: 'Visual Studio', expands: VSCODE, envFix: 'reference it as "${input:id}" with an inputs entry {"type": "promptString", "password": true}' },
  windsurf: { id: 'windsurf', name: 'Windsurf', expands: ['env-colon', 'file'], envFix: 'reference it as "${env:VAR}"' },
  antigravity: { id: 'antigravity', name: 'Antigravity', expands: 'unknown', envFix: 'keep the secret in the environment, not in the file' },
  zed: { id: 'zed', name: 'Zed', expands: 'unknown', envFix: 'keep the secret in the environment of the server command, not in settings.json' },
  continue: { id: 'continue', name: 'Continue', expands: ['continue-secret'], envFix: 'reference it as "${{ secrets.VAR }}"' },
  cline: { id: 'cline', name: 'Cline', expands: 'unknown', envFix: 'keep the secret in the environment, not in the file' },
  roo: { id: 'roo', name: 'Roo Code', expands: 'unknown', envFix: 'keep the secret in the environment, not in the file' },
  codex: { id: 'codex', name: 'Codex', expands: [], envFix: 'name the variable instead: env_vars = ["VAR"], bearer_token_env_var = "VAR" or env_http_headers = { "Header" = "VAR" }' },
  gemini: { id: 'gemini', name: 'Gemini CLI', expands: ['dollar-brace', 'dollar-brace-default', 'dollar', 'percent'], envFix: 'reference it as "$VAR" or "${VAR}"' },
  goose: { id: 'goose', name: 'goose', expands: [], envFix: 'list the name in env_keys: [VAR] and store the value in the keyring' },
  'amazon-q': { id: 'amazon-q', name: 'Amazon Q Developer', expands: 'unknown', envFix: 'keep the secret in the environment, not in the file' },
  kiro: { id: 'kiro', name: 'Kiro', expands: ['dollar-brace'], envFix: 'reference it as "${VAR}"' },
  'copilot-cli': { id: 'copilot-cli', name: 'GitHub Copilot CLI', expands: ['dollar-brace'], envFix: 'reference it as "${VAR}"' },
  opencode: { id: 'opencode', name: 'opencode', expands: ['opencode-env'], envFix: 'reference it as "{env:VAR}"' },
  junie: { id: 'junie', name: 'Junie', expands: 'unknown', envFix: 'keep the secret in the environment, not in the file' },
  generic: { id: 'generic', name: 'MCP config', expands: 'unknown', envFix: "use your client's environment-variable reference instead of the literal" },
  dotenv: { id: 'dotenv', name: '.env', expands: 'unknown', envFix: 'keep .env files out of git (.gitignore) and commit a .env.example with placeholders' },
};

/** Where the server map of a detected config lives, and whose it is. */
export interface DetectedClient {
  profile: ClientProfile;
  /** Key path of the server map (object or, for Continue, list). Empty for settings-only files. */
  serverPath: string[];
}

/** Detect by root key first and place second: `.mcp.json` is Claude Code or Visual Studio by shape. */
export function detectClient(path: string, root: TreeNode | undefined): DetectedClient | undefined {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (/^\.env/.test(base)) return { profile: CLIENTS.dotenv, serverPath: [] };
  if (root?.type !== 'object') return undefined;
  if (getChild(root, 'mcp_servers')?.type === 'object') return at('codex', ['mcp_servers']);
  if (getChild(root, 'context_servers')?.type === 'object') return at('zed', ['context_servers']);
  const mcpServers = getChild(root, 'mcpServers');
  if (mcpServers?.type === 'array') return at('continue', ['mcpServers']);
  if (mcpServers?.type === 'object') return at(clientForMcpServers(lower, base), ['mcpServers']);
  if (getChild(root, 'servers')?.type === 'object') return at(base === '.mcp.json' ? 'visual-studio' : 'vscode', ['servers']);
  if (getPath(root, ['mcp', 'servers'])?.type === 'object') return at('vscode', ['mcp', 'servers']);
  if (getPath(root, ['customizations', 'vscode', 'mcp', 'servers'])?.type === 'object') return at('vscode', ['customizations', 'vscode', 'mcp', 'servers']);
  if (isOpencode(base, root)) return at('opencode', ['mcp']);
  if (isGoose(root)) return at('goose', ['extensions']);
  if (/(^|\/)\.claude\/settings(\.local)?\.json$/.test(lower)) return at('claude-settings', []);
  return undefined;
}

function at(id: ClientId, serverPath: string[]): DetectedClient {
  return { profile: CLIENTS[id], serverPath };
}

const PLACES: ReadonlyArray<readonly [RegExp, ClientId]> = [
  [/(^|\/)\.cursor\//, 'cursor'],
  [/(^|\/)\.roo\//, 'roo'],
  [/(^|\/)\.kiro\//, 'kiro'],
  [/(^|\/)\.amazonq\/|(^|\/)\.aws\/amazonq\//, 'amazon-q'],
  [/(^|\/)\.gemini\/antigravity\//, 'antigravity'],
  [/(^|\/)\.gemini\//, 'gemini'],
  [/(^|\/)\.windsurf\/|(^|\/)\.codeium\/|(^|\/)mcp_config\.json$/, 'windsurf'],
  [/claude_desktop_config\.json$/, 'claude-desktop'],
  [/cline_mcp_settings\.json$/, 'cline'],
  [/(^|\/)\.junie\//, 'junie'],
  [/(^|\/)\.github\/mcp\.json$|(^|\/)mcp-config\.json$/, 'copilot-cli'],
  [/(^|\/)\.continue\//, 'continue'],
  [/(^|\/)\.mcp\.json$|(^|\/)\.claude\.json$/, 'claude-code'],
];

function clientForMcpServers(lower: string, _base: string): ClientId {
  for (const [pattern, id] of PLACES) if (pattern.test(lower)) return id;
  return 'generic';
}

function isOpencode(base: string, root: TreeNode): boolean {
  const mcp = getChild(root, 'mcp');
  if (mcp?.type !== 'object') return false;
  if (/^opencode\.jsonc?$/.test(base)) return true;
  const schema = getChild(root, '$schema');
  return schema?.type === 'string' && schema.value.includes('opencode');
}

function isGoose(root: TreeNode): boolean {
  const extensions = getChild(root, 'extensions');
  if (extensions?.type !== 'object') return false;
  return extensions.entries.some((entry) => ['cmd', 'uri', 'envs', 'env_keys'].some((key) => getChild(entry.value, key) !== undefined));
}
