import { AGENT_CLIENTS } from './clients-agents.js';
import type { ClientId, McpClient } from './client.js';
import { EDITOR_CLIENTS } from './clients-editors.js';
import { AGENT_WRITERS } from '../setup/writers-agents.js';
import { EDITOR_WRITERS } from '../setup/writers-editors.js';

/** `setup`'s writers, attached to their registry entries below. */
const SETUP_WRITERS_BY_ID = new Map([...AGENT_WRITERS, ...EDITOR_WRITERS].map((writer) => [writer.id, writer]));

/** The one registry of MCP clients (STYLE.md): audit-config, rotate --config and setup read these entries. */
export const CLIENT_LIST: readonly McpClient[] = [...AGENT_CLIENTS, ...EDITOR_CLIENTS].map((client) => {
  const setup = SETUP_WRITERS_BY_ID.get(client.id);
  return setup === undefined ? client : { ...client, setup };
});

export const CLIENTS = Object.fromEntries(CLIENT_LIST.map((client) => [client.id, client])) as Readonly<Record<ClientId, McpClient>>;

export function getClient(id: string): McpClient | undefined {
  return (CLIENTS as Readonly<Record<string, McpClient>>)[id];
}
