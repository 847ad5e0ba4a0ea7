import { McpHttpError, McpProtocolError, McpRpcError } from './mcp-error.js';
import { isStatelessVersion, type McpProtocolVersion } from './protocol-version.js';
import { buildMessage, type ClientInfo } from './rpc-message.js';
import { parseRpcBody, RpcParseError } from './rpc-response.js';

/** The HTTP layer's fetch (src/core/http/client.ts) or anything shaped like it. */
export type McpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; label?: string },
) => Promise<Response>;

export interface McpClientOptions {
  url: string;
  fetch: McpFetch;
  version: McpProtocolVersion;
  clientInfo: ClientInfo;
  /** Sent as `Authorization: Bearer` on every request (MCP 2025-11-25 L447-457), never in the URL. */
  accessToken?: string;
}

export interface ServerHello {
  protocolVersion: string;
  serverInfo: { name?: string; version?: string } | undefined;
  /** 'initialize' (stateful) or 'server/discover' (2026-07-28). */
  via: 'initialize' | 'server/discover';
}

export interface McpTool {
  name: string;
  description?: string;
}

export interface McpClient {
  /** initialize (+ notifications/initialized) for stateful revisions; server/discover for 2026-07-28. */
  connect(): Promise<ServerHello>;
  listTools(): Promise<McpTool[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export function createMcpClient(options: McpClientOptions): McpClient {
  let nextId = 1;
  let sessionId: string | undefined;
  /** Set by initialize: the revision the server chose, echoed in MCP-Protocol-Version afterwards. */
  let negotiated: string | undefined;
  const stateless = isStatelessVersion(options.version);

  async function post(method: string, params: Record<string, unknown> | undefined, notification = false): Promise<Record<string, unknown>> {
    const id = notification ? undefined : nextId++;
    const message = buildMessage(method, params, { id, version: options.version, clientInfo: options.clientInfo, versionHeader: negotiated });
    if (options.accessToken !== undefined) message.headers.authorization = `Bearer ${options.accessToken}`;
    if (sessionId !== undefined) message.headers['mcp-session-id'] = sessionId;
    const response = await options.fetch(options.url, { method: 'POST', headers: message.headers, body: JSON.stringify(message.body), label: `mcp ${method}` });
    const text = await response.text();
    if (!response.ok) {
      throw new McpHttpError(method, response.status, response.headers.get('www-authenticate') ?? undefined, text.slice(0, 200).trim());
    }
    sessionId = response.headers.get('mcp-session-id') ?? sessionId;
    if (id === undefined) return {};
    try {
      const answer = parseRpcBody(response.headers.get('content-type') ?? '', text, id);
      if (answer.error) throw new McpRpcError(method, answer.error);
      return answer.result ?? {};
    } catch (error) {
      if (error instanceof RpcParseError) throw new McpProtocolError(method, error.message);
      throw error;
    }
  }

  async function connect(): Promise<ServerHello> {
    if (stateless) {
      const result = await post('server/discover', {});
      const meta = result._meta as Record<string, unknown> | undefined;
      const info = (meta?.['io.modelcontextprotocol/serverInfo'] ?? result.serverInfo) as ServerHello['serverInfo'];
      return { protocolVersion: options.version, serverInfo: info, via: 'server/discover' };
    }
    const result = await post('initialize', { protocolVersion: options.version, capabilities: {}, clientInfo: options.clientInfo });
    const protocolVersion = typeof result.protocolVersion === 'string' ? result.protocolVersion : options.version;
    negotiated = protocolVersion;
    await post('notifications/initialized', undefined, true);
    return { protocolVersion, serverInfo: result.serverInfo as ServerHello['serverInfo'], via: 'initialize' };
  }

  return {
    connect,
    async listTools() {
      const result = await post('tools/list', {});
      const tools = Array.isArray(result.tools) ? (result.tools as McpTool[]) : [];
      return tools.filter((tool) => typeof tool?.name === 'string');
    },
    callTool: (name, args) => post('tools/call', { name, arguments: args }),
  };
}
