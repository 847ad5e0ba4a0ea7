import type { ClientWriter, SetupEntry } from './client-writer.js';

const MCP_SERVERS = (): readonly string[] => ['mcpServers'];

/** stdio entry in the common `{command, args}` shape. */
function stdio(entry: SetupEntry, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (entry.kind !== 'proxy') throw new Error('stdio() needs a proxy entry');
  return { ...extra, command: entry.command, args: [...entry.args] };
}

/** Terminal agents and desktop apps. Each shape is written from the page cited in `docs`. */
export const AGENT_WRITERS: readonly ClientWriter[] = [
  {
    // code.claude.com/docs/en/mcp: `type: "http"` + url; `oauth.clientId` / `oauth.callbackPort` for a
    // pre-registered client, redirect http://localhost:<callbackPort>/callback; stdio `type: "stdio"`.
    id: 'claude-code', format: 'json', projectFile: '.mcp.json', serverPath: MCP_SERVERS, shape: 'map',
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: true, redirectUris: (port) => [`http://localhost:${port}/callback`] },
    entry: (entry) => {
      if (entry.kind === 'proxy') return stdio(entry, { type: 'stdio' });
      const oauth = entry.clientId === undefined ? {} : { oauth: { clientId: entry.clientId, callbackPort: entry.callbackPort } };
      return { type: 'http', url: entry.url, ...oauth };
    },
    docs: ['https://code.claude.com/docs/en/mcp', 'https://github.com/xsyetopz/claudetto/wiki/Claude-Code-MCP-Auth'],
  },
  {
    // The MCP docs' local-server guide: Claude Desktop's file holds stdio servers only; remote servers
    // are added as Connectors in the app and "Claude Desktop will not connect to remote servers
    // configured directly in claude_desktop_config.json" (support.claude.com article 11503834).
    id: 'claude-desktop', format: 'json', serverPath: MCP_SERVERS, shape: 'map',
    // No official Linux build; the community builds (claude-desktop-debian) read ~/.config/Claude.
    extraUserFiles: [{ base: 'app-data', path: 'Claude/claude_desktop_config.json', platforms: ['linux'] }],
    entry: (entry) => stdio(entry),
    docs: [
      'https://github.com/modelcontextprotocol/modelcontextprotocol/blob/2058728385da440bf9424952bb7287a8b9f08194/docs/docs/develop/connect-local-servers.mdx',
      'https://support.claude.com/en/articles/11503834-building-custom-connectors-via-remote-mcp-servers',
    ],
  },
  {
    // codex docs/config.md (MCP integration): [mcp_servers.<name>] with url (streamable HTTP) and
    // [mcp_servers.<name>.oauth] client_id / callback_url; `codex mcp login <name>` runs the flow.
    id: 'codex', format: 'toml', projectFile: '.codex/config.toml', serverPath: () => ['mcp_servers'], shape: 'map',
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: true, redirectUris: (port) => [`http://127.0.0.1:${port}/callback`] },
    entry: (entry) => {
      if (entry.kind === 'proxy') return stdio(entry);
      const oauth = entry.clientId === undefined ? {} : { oauth: { client_id: entry.clientId, callback_url: `http://127.0.0.1:${entry.callbackPort}/callback` } };
      return { url: entry.url, ...oauth };
    },
    docs: ['https://github.com/openai/codex/blob/0195ef0570cd92efd577bd32573ef3bf5e0da10b/docs/config.md#mcp-integration', 'https://developers.openai.com/codex/mcp'],
  },
  {
    // gemini-cli docs/tools/mcp-server.md: `httpUrl` is streamable HTTP (`url` is SSE); `oauth:
    // {enabled, clientId, redirectUri}`; the default redirect is http://localhost:7777/oauth/callback.
    id: 'gemini', format: 'json', projectFile: '.gemini/settings.json', serverPath: MCP_SERVERS, shape: 'map',
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: true, redirectUris: () => ['http://localhost:7777/oauth/callback'] },
    entry: (entry) => {
      if (entry.kind === 'proxy') return stdio(entry);
      const oauth = entry.clientId === undefined ? {} : { oauth: { enabled: true, clientId: entry.clientId, redirectUri: 'http://localhost:7777/oauth/callback' } };
      return { httpUrl: entry.url, ...oauth };
    },
    docs: ['https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md'],
  },
  {
    // goose documentation/docs/guides/config-files.md: `extensions.<key>` with type stdio, cmd, args,
    // enabled, timeout; secrets by name in env_keys (none needed: mcpauth keeps the credential).
    id: 'goose', format: 'yaml', serverPath: () => ['extensions'], shape: 'map',
    entry: (entry) => {
      if (entry.kind !== 'proxy') throw new Error('goose entries are stdio');
      return { name: entry.name, type: 'stdio', cmd: entry.command, args: [...entry.args], enabled: true, timeout: 300 };
    },
    docs: ['https://github.com/block/goose/blob/09f7063a8daf90d6f6a13479ac4b55c1a4406b60/documentation/docs/guides/config-files.md'],
  },
  {
    // opencode.ai/docs/mcp-servers: remote `{type: "remote", url, oauth: {clientId}}` (OAuth by default,
    // callback http://127.0.0.1:19876/mcp/oauth/callback); local `{type: "local", command: [argv...]}`.
    // v2 keeps servers under `mcp.servers`; a v1 file has them directly under `mcp`.
    id: 'opencode', format: 'jsonc', projectFile: 'opencode.json', shape: 'map',
    serverPath: (_scope, existing) => (isOpencodeV1(existing) ? ['mcp'] : ['mcp', 'servers']),
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: true, redirectUris: () => ['http://127.0.0.1:19876/mcp/oauth/callback'] },
    entry: (entry) => {
      if (entry.kind === 'proxy') return { type: 'local', command: [entry.command, ...entry.args] };
      return { type: 'remote', url: entry.url, ...(entry.clientId === undefined ? {} : { oauth: { clientId: entry.clientId } }) };
    },
    docs: ['https://opencode.ai/docs/mcp-servers/', 'https://opencode.ai/v1/docs/mcp-servers.md'],
  },
];

/** opencode v1: server objects (with a `type`) directly under `mcp`. */
function isOpencodeV1(root: unknown): boolean {
  const mcp = (root as { mcp?: unknown } | undefined)?.mcp;
  if (typeof mcp !== 'object' || mcp === null) return false;
  return Object.entries(mcp).some(([key, value]) => key !== 'servers' && typeof value === 'object' && value !== null && 'type' in value);
}
