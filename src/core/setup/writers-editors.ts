import type { ClientWriter, SetupEntry } from './client-writer.js';

function stdio(entry: SetupEntry, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (entry.kind !== 'proxy') throw new Error('stdio() needs a proxy entry');
  return { ...extra, command: entry.command, args: [...entry.args] };
}

/** Editor-hosted clients. Each shape is written from the page cited in `docs`. */
export const EDITOR_WRITERS: readonly ClientWriter[] = [
  {
    // cursor.com/docs/context/mcp: `url` for remote (transport inferred), `auth: {CLIENT_ID}` for a
    // static client; redirects cursor://anysphere.cursor-mcp/oauth/callback and, in current desktop
    // builds, http://localhost:8787/callback.
    id: 'cursor', format: 'json', projectFile: '.cursor/mcp.json', serverPath: () => ['mcpServers'], shape: 'map',
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: true, redirectUris: () => ['cursor://anysphere.cursor-mcp/oauth/callback', 'http://localhost:8787/callback'] },
    entry: (entry) => (entry.kind === 'proxy' ? stdio(entry) : { url: entry.url, ...(entry.clientId === undefined ? {} : { auth: { CLIENT_ID: entry.clientId } }) }),
    docs: ['https://cursor.com/docs/context/mcp'],
  },
  {
    // code.visualstudio.com/docs/copilot/reference/mcp-configuration: `servers` map, `type: "http"` +
    // url; VS Code registers by DCR or asks for a client id in a prompt (no file field), so without
    // DCR/CIMD the proxy entry is written. Redirects: http://127.0.0.1:33418 and https://vscode.dev/redirect.
    id: 'vscode', format: 'jsonc', projectFile: '.vscode/mcp.json', serverPath: () => ['servers'], shape: 'map',
    native: { generation: '2025-11-25 strict (exact resource/issuer)', takesClientId: false, redirectUris: () => ['http://127.0.0.1:33418', 'https://vscode.dev/redirect'] },
    entry: (entry) => (entry.kind === 'proxy' ? stdio(entry, { type: 'stdio' }) : { type: 'http', url: entry.url }),
    docs: ['https://code.visualstudio.com/docs/copilot/reference/mcp-configuration', 'https://github.com/microsoft/vscode-docs/blob/0892da1a3afa8c1ee5d6e0ffe9c0476bca104212/docs/copilot/reference/mcp-configuration.md'],
  },
  {
    // docs.windsurf.com/windsurf/cascade/mcp: `serverUrl` for remote servers (a Cursor-style `url`
    // does not connect), OAuth in the browser; no field for a client id.
    id: 'windsurf', format: 'json', serverPath: () => ['mcpServers'], shape: 'map',
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: false, redirectUris: () => [] },
    entry: (entry) => (entry.kind === 'proxy' ? stdio(entry) : { serverUrl: entry.url }),
    docs: ['https://docs.windsurf.com/windsurf/cascade/mcp'],
  },
  {
    // zed.dev/docs/ai/mcp: `context_servers.<name>` with command/args/env for a custom server, or
    // `url` (+ headers) for a remote one, signed in with OAuth by Zed; no client id field.
    id: 'zed', format: 'jsonc', projectFile: '.zed/settings.json', serverPath: () => ['context_servers'], shape: 'map',
    native: { generation: '2025-11-25 lenient (TS/Python SDK v1)', takesClientId: false, redirectUris: () => [] },
    entry: (entry) => (entry.kind === 'proxy' ? stdio(entry, { env: {} }) : { url: entry.url }),
    docs: ['https://zed.dev/docs/ai/mcp', 'https://github.com/zed-industries/zed/blob/04ebba463d123387b2ca27eaecd6c540ebb7c044/docs/src/ai/mcp.md'],
  },
  {
    // Cline docs/mcp/configuring-mcp-servers.mdx: cline_mcp_settings.json `mcpServers` with command,
    // args, env, disabled; its docs describe no OAuth for remote servers, so the proxy entry is written.
    id: 'cline', format: 'json', serverPath: () => ['mcpServers'], shape: 'map',
    entry: (entry) => stdio(entry, { disabled: false }),
    docs: ['https://github.com/cline/cline/blob/061b2947398279c02b5376521ec6af42489bfefa/docs/mcp/configuring-mcp-servers.mdx'],
  },
  {
    // docs.continue.dev/customize/deep-dives/mcp: `mcpServers` is a LIST of {name, type, command,
    // args}; a project block file .continue/mcpServers/<name>.yaml needs name, version and schema.
    id: 'continue', format: 'yaml', projectFile: '.continue/mcpServers/{name}.yaml', serverPath: () => ['mcpServers'], shape: 'list',
    entry: (entry) => {
      if (entry.kind !== 'proxy') throw new Error('Continue entries are stdio');
      return { name: entry.name, type: 'stdio', command: entry.command, args: [...entry.args] };
    },
    newFile: (scope, entry) => (scope === 'project' ? { name: entry.name, version: '0.0.1', schema: 'v1', mcpServers: [] } : { mcpServers: [] }),
    docs: ['https://docs.continue.dev/customize/deep-dives/mcp', 'https://github.com/continuedev/continue/blob/03e5fc3b92d7593b74527dbe4341ccac4e88d52c/docs/customize/deep-dives/mcp.mdx'],
  },
];
