import { getPath } from '../audit/config-tree.js';
import type { McpClient } from './client.js';

const REF = 'shared/reference/mcp-client-configs-and-secrets.md §1.1';
const MAP = 'map' as const;
const VSCODE_USER = 'Code/User';
const KEEP_IN_ENV = 'keep the secret in the environment, not in the file';

/** Editor-hosted clients: VS Code and its forks and extensions, Zed, JetBrains. */
export const EDITOR_CLIENTS: readonly McpClient[] = [
  {
    id: 'vscode', name: 'VS Code', expands: ['input', 'env-colon', 'predefined'], writeStyle: 'input', remoteOAuth: 'yes',
    serverMaps: [{ path: ['servers'], shape: MAP }, { path: ['mcp', 'servers'], shape: MAP }, { path: ['customizations', 'vscode', 'mcp', 'servers'], shape: MAP }],
    envFix: 'reference it as "${input:id}" with an inputs entry {"type": "promptString", "password": true}, or "${env:VAR}"',
    projectFiles: ['.vscode/mcp.json', '.vscode/settings.json', '.devcontainer/devcontainer.json'],
    userFiles: [{ base: 'app-data', path: `${VSCODE_USER}/mcp.json` }, { base: 'app-data', path: `${VSCODE_USER}/settings.json` }],
    sources: [REF, 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration'],
  },
  {
    id: 'visual-studio', name: 'Visual Studio', expands: ['input', 'env-colon', 'predefined'], writeStyle: 'input', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['servers'], shape: MAP }],
    envFix: 'reference it as "${input:id}" with an inputs entry {"type": "promptString", "password": true}',
    projectFiles: ['.mcp.json'], userFiles: [{ base: 'home', path: '.mcp.json', platforms: ['win32'] }],
    // `.mcp.json` is Claude Code's file too: the `servers` root key decides (reference §0.1).
    recognise: ({ base }) => base === '.mcp.json',
    sources: [REF, 'https://github.com/github/github-mcp-server/blob/64a49f34d076b6f5917dae1424521d43c7bcae84/docs/installation-guides/install-other-copilot-ides.md'],
  },
  {
    id: 'cursor', name: 'Cursor', expands: ['env-colon', 'predefined'], writeStyle: 'env-colon', remoteOAuth: 'yes',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.cursor\//,
    envFix: 'reference it as "${env:VAR}" (or use envFile with a git-ignored .env)',
    projectFiles: ['.cursor/mcp.json'], userFiles: [{ base: 'home', path: '.cursor/mcp.json' }],
    sources: [REF, 'https://cursor.com/docs/context/mcp'],
  },
  {
    id: 'windsurf', name: 'Windsurf', expands: ['env-colon', 'file'], writeStyle: 'env-colon', remoteOAuth: 'yes',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.windsurf\/|(^|\/)\.codeium\/|(^|\/)mcp_config\.json$/,
    envFix: 'reference it as "${env:VAR}"',
    projectFiles: ['.windsurf/mcp_config.json'], userFiles: [{ base: 'home', path: '.codeium/windsurf/mcp_config.json' }],
    sources: [REF, 'https://docs.windsurf.com/windsurf/cascade/mcp'],
  },
  {
    id: 'antigravity', name: 'Antigravity', expands: 'unknown', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.gemini\/antigravity\//,
    envFix: KEEP_IN_ENV, projectFiles: [], userFiles: [{ base: 'home', path: '.gemini/antigravity/mcp_config.json' }],
    sources: [REF],
  },
  {
    id: 'zed', name: 'Zed', expands: 'unknown', remoteOAuth: 'yes',
    serverMaps: [{ path: ['context_servers'], shape: MAP }],
    envFix: 'keep the secret in the environment of the server command, not in settings.json',
    projectFiles: ['.zed/settings.json'], userFiles: [{ base: 'xdg-config', path: 'zed/settings.json', platforms: ['linux', 'darwin'] }],
    sources: [REF, 'https://zed.dev/docs/ai/mcp'],
  },
  {
    id: 'continue', name: 'Continue', expands: ['continue-secret'], remoteOAuth: 'unknown',
    // config.yaml lists servers; the legacy config.json kept them under experimental, each in a `transport`.
    serverMaps: [{ path: ['mcpServers'], shape: 'list' }, { path: ['experimental', 'modelContextProtocolServers'], shape: 'list' }, { path: ['mcpServers'], shape: MAP }],
    place: /(^|\/)\.continue\//, envFix: 'reference it as "${{ secrets.VAR }}"',
    // Found outside .continue/, only the list forms are Continue's (a `mcpServers` map is anyone's).
    recognise: ({ root }) => getPath(root, ['mcpServers'])?.type === 'array' || getPath(root, ['experimental', 'modelContextProtocolServers'])?.type === 'array',
    projectFiles: ['.continue/config.yaml', '.continue/mcpServers/'],
    userFiles: [{ base: 'home', path: '.continue/config.yaml' }, { base: 'home', path: '.continue/config.json' }, { base: 'home', path: '.continue/mcpServers', folder: true }],
    sources: [REF, 'https://docs.continue.dev/customize/deep-dives/mcp'],
  },
  {
    id: 'cline', name: 'Cline', expands: 'unknown', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /cline_mcp_settings\.json$/,
    envFix: KEEP_IN_ENV, projectFiles: [],
    userFiles: [{ base: 'app-data', path: `${VSCODE_USER}/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json` }],
    sources: [REF, 'https://github.com/cline/cline/blob/061b2947398279c02b5376521ec6af42489bfefa/docs/mcp/configuring-mcp-servers.mdx'],
  },
  {
    id: 'roo', name: 'Roo Code', expands: 'unknown', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.roo\/|rooveterinaryinc\.roo-cline\/settings\/mcp_settings\.json$/,
    envFix: KEEP_IN_ENV, projectFiles: ['.roo/mcp.json'],
    userFiles: [{ base: 'app-data', path: `${VSCODE_USER}/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json` }],
    sources: [REF],
  },
  {
    id: 'kiro', name: 'Kiro', expands: ['dollar-brace'], writeStyle: 'dollar-brace', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.kiro\//, envFix: 'reference it as "${VAR}"',
    projectFiles: ['.kiro/settings/mcp.json'], userFiles: [{ base: 'home', path: '.kiro/settings/mcp.json' }, { base: 'home', path: '.kiro/agents', folder: true }],
    sources: [REF, 'https://kiro.dev/docs/mcp/configuration'],
  },
  {
    id: 'junie', name: 'Junie', expands: 'unknown', remoteOAuth: 'unknown',
    serverMaps: [{ path: ['mcpServers'], shape: MAP }], place: /(^|\/)\.junie\//, envFix: KEEP_IN_ENV,
    projectFiles: ['.junie/mcp/mcp.json'], userFiles: [{ base: 'home', path: '.junie/mcp/mcp.json' }],
    sources: [REF, 'https://www.jetbrains.com/help/junie/model-context-protocol-mcp.html'],
  },
  {
    id: 'amp', name: 'Amp', expands: 'unknown', remoteOAuth: 'yes',
    // Amp's settings are flat dotted keys, in its own settings.json or in VS Code's.
    serverMaps: [{ path: ['amp.mcpServers'], shape: MAP }], place: /(^|\/)\.amp\/|(^|\/)amp\/settings\.json$/, envFix: KEEP_IN_ENV,
    projectFiles: ['.amp/settings.json'], userFiles: [{ base: 'xdg-config', path: 'amp/settings.json' }, { base: 'app-data', path: `${VSCODE_USER}/settings.json` }],
    sources: ['https://ampcode.com/manual', 'https://syllago.dev/using-syllago/providers/amp/mcp/'],
  },
];
