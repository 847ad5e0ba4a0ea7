import { AGENT_CLIENTS } from './clients-agents.js';
import type { ClientId, McpClient } from './client.js';
import { EDITOR_CLIENTS } from './clients-editors.js';

/** The one registry of MCP clients (STYLE.md): audit-config, rotate --config and setup read these entries. */
export const CLIENT_LIST: readonly McpClient[] = [...AGENT_CLIENTS, ...EDITOR_CLIENTS];

export const CLIENTS = Object.fromEntries(CLIENT_LIST.map((client) => [client.id, client])) as Readonly<Record<ClientId, McpClient>>;

export function getClient(id: string): McpClient | undefined {
  return (CLIENTS as Readonly<Record<string, McpClient>>)[id];
}
