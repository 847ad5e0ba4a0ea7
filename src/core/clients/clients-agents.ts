import { getChild, type TreeNode } from '../audit/config-tree.js';
import type { McpClient } from './client.js';

const REF = 'shared/reference/mcp-client-configs-and-secrets.md §1.1';
const MAP = 'map' as const;
const KEEP_IN_ENV = 'keep the secret in the environment, not in the file';

/** Stand-alone agents and desktop apps, plus the pseudo-clients for settings, unknown configs and .env. */
export const AGENT_CLIENTS: readonly McpClient[] = [
  {
    id: 'claude-code', name: 'Claude Code', expands: ['dollar-brace', 'dollar-brace-default'], writeStyle: 'dollar-brace', remoteOAuth: 'yes',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.mcp\.json$|(^|\/)\.claude\.json$/,
    envFix: 'reference it as "${VAR}" and export VAR in your shell',
    projectFiles: ['.mcp.json'], userFiles: [{ base: 'home', path: '.claude.json' }],
    sources: [REF, 'https://code.claude.com/docs/en/mcp'],
  },
  {
    id: 'claude-settings', name: 'Claude Code settings', expands: 'unknown', remoteOAuth: 'unknown', serverMaps: [], envFix: '',
    place: /(^|\/)\.claude\/settings(\.local)?\.json$/,
    projectFiles: ['.claude/settings.json', '.claude/settings.local.json'], userFiles: [{ base: 'home', path: '.claude/settings.json' }],
    sources: [REF],
  },
  {
    id: 'claude-desktop', name: 'Claude Desktop', expands: [], remoteOAuth: 'no',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /claude_desktop_config\.json$/,
    envFix: 'Claude Desktop expands no variables: keep this file out of git, or launch the server through a wrapper that reads the secret from the environment',
    noReferenceNote: 'Claude Desktop expands no variables in claude_desktop_config.json: keep the file out of git, or start the server through a wrapper that reads the secret from the environment.',
    projectFiles: [], userFiles: [{ base: 'app-data', path: 'Claude/claude_desktop_config.json', platforms: ['darwin', 'win32'] }],
    sources: [REF, 'https://github.com/modelcontextprotocol/modelcontextprotocol/blob/2058728385da440bf9424952bb7287a8b9f08194/docs/docs/develop/connect-local-servers.mdx'],
  },
  {
    id: 'codex', name: 'Codex', expands: [], writeStyle: 'codex-fields', remoteOAuth: 'yes',
    serverMaps: [{ path: ['mcp_servers'], shape: MAP }],
    envFix: 'name the variable instead: env_vars = ["VAR"], bearer_token_env_var = "VAR" or env_http_headers = { "Header" = "VAR" }',
    projectFiles: ['.codex/config.toml'], userFiles: [{ base: 'codex-home', path: 'config.toml' }],
    sources: [REF, 'https://github.com/openai/codex/blob/0195ef0570cd92efd577bd32573ef3bf5e0da10b/docs/config.md#mcp-integration'],
  },
  {
    id: 'gemini', name: 'Gemini CLI', expands: ['dollar-brace', 'dollar-brace-default', 'dollar', 'percent'], writeStyle: 'dollar-brace', remoteOAuth: 'yes',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.gemini\//, envFix: 'reference it as "$VAR" or "${VAR}"',
    projectFiles: ['.gemini/settings.json'], userFiles: [{ base: 'home', path: '.gemini/settings.json' }],
    sources: [REF, 'https://github.com/google-gemini/gemini-cli/blob/5411f113cafae26161b4969b0237b8e1e024e2c2/docs/tools/mcp-server.md'],
  },
  {
    id: 'goose', name: 'goose', expands: [], remoteOAuth: 'unknown',
    serverMaps: [{ path: ['extensions'], shape: MAP }], recognise: ({ root }) => hasGooseEntry(root),
    envFix: 'list the name in env_keys: [VAR] and store the value in the keyring',
    noReferenceNote: 'goose takes secrets by name in env_keys and reads the value from its keyring: run `goose configure` to store it, then list the name in env_keys.',
    projectFiles: [],
    userFiles: [{ base: 'xdg-config', path: 'goose/config.yaml', platforms: ['linux', 'darwin'] }, { base: 'app-data', path: 'Block/goose/config/config.yaml', platforms: ['win32'] }],
    sources: [REF, 'https://github.com/block/goose/blob/09f7063a8daf90d6f6a13479ac4b55c1a4406b60/documentation/docs/guides/config-files.md'],
  },
  {
    id: 'amazon-q', name: 'Amazon Q Developer', expands: 'unknown', remoteOAuth: 'yes',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.amazonq\/|(^|\/)\.aws\/amazonq\//, envFix: KEEP_IN_ENV,
    projectFiles: ['.amazonq/default.json', '.amazonq/mcp.json', '.amazonq/cli-agents/'],
    userFiles: [
      { base: 'home', path: '.aws/amazonq/default.json' }, { base: 'home', path: '.aws/amazonq/agents/default.json' },
      { base: 'home', path: '.aws/amazonq/mcp.json' }, { base: 'home', path: '.aws/amazonq/cli-agents', folder: true },
    ],
    sources: [REF, 'https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/qdev-mcp.html', 'https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/mcp-ide.html'],
  },
  {
    id: 'copilot-cli', name: 'GitHub Copilot CLI', expands: ['dollar-brace'], writeStyle: 'dollar-brace', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.github\/mcp\.json$|(^|\/)mcp-config\.json$/, envFix: 'reference it as "${VAR}"',
    projectFiles: ['.github/mcp.json'], userFiles: [{ base: 'home', path: '.copilot/mcp-config.json' }],
    sources: [REF, 'https://github.com/github/github-mcp-server/blob/64a49f34d076b6f5917dae1424521d43c7bcae84/docs/installation-guides/install-copilot-cli.md'],
  },
  {
    id: 'opencode', name: 'opencode', expands: ['opencode-env'], writeStyle: 'opencode-env', remoteOAuth: 'yes',
    // v1 keeps servers directly under `mcp`; v2 nests them in `mcp.servers`.
    serverMaps: [{ path: ['mcp', 'servers'], shape: MAP }, { path: ['mcp'], shape: MAP }], envFix: 'reference it as "{env:VAR}"',
    recognise: ({ base, schema }) => /^opencode\.jsonc?$/.test(base) || (schema ?? '').includes('opencode'),
    projectFiles: ['opencode.json', 'opencode.jsonc'], userFiles: [{ base: 'xdg-config', path: 'opencode/opencode.json' }, { base: 'xdg-config', path: 'opencode/opencode.jsonc' }],
    sources: [REF, 'https://github.com/github/github-mcp-server/blob/64a49f34d076b6f5917dae1424521d43c7bcae84/docs/installation-guides/install-opencode.md'],
  },
  {
    id: 'crush', name: 'Crush', expands: ['dollar', 'dollar-brace', 'shell-command'], remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcp'], shape: MAP }], envFix: 'reference it as "$VAR" (Crush expands shell-style variables)',
    recognise: ({ base, schema }) => /^\.?crush\.json$/.test(base) || (schema ?? '').includes('charm.land/crush'),
    projectFiles: ['crush.json', '.crush.json'],
    userFiles: [{ base: 'xdg-config', path: 'crush/crush.json', platforms: ['linux', 'darwin'] }, { base: 'local-app-data', path: 'crush/crush.json', platforms: ['win32'] }],
    sources: ['https://mintlify.com/charmbracelet/crush/configuration/mcp', 'https://github.com/charmbracelet/crush#configuration'],
  },
  {
    id: 'generic', name: 'MCP config', expands: 'unknown', remoteOAuth: 'unknown', serverMaps: [{ path: ['mcpServers'], shape: MAP }],
    envFix: "use your client's environment-variable reference instead of the literal", projectFiles: [], userFiles: [], sources: [REF],
  },
  {
    id: 'dotenv', name: '.env', expands: 'unknown', remoteOAuth: 'unknown', serverMaps: [],
    envFix: 'keep .env files out of git (.gitignore) and commit a .env.example with placeholders', projectFiles: ['.env'], userFiles: [], sources: ['shared/reference/mcp-client-configs-and-secrets.md §6'],
  },
];

/** `extensions` is a common key; goose's entries carry cmd/uri/envs/env_keys. */
function hasGooseEntry(root: TreeNode): boolean {
  const extensions = getChild(root, 'extensions');
  if (extensions?.type !== 'object') return false;
  return extensions.entries.some((entry) => ['cmd', 'uri', 'envs', 'env_keys'].some((key) => getChild(entry.value, key) !== undefined));
}
