/**
 * The ONE MCP client of mcpauth: `call`, `scopes --tool`, `login`'s proof and `proxy` speak through it.
 *
 *   const client = createMcpClient({ url, fetch: runtime.http.fetch, version, clientInfo, accessToken,
 *                                    onDeclined, onNotification, sleep });
 *   const hello = await client.connect();            // initialize + notifications/initialized (or server/discover)
 *   await client.listTools(); await client.callTool('echo', { text: 'hi' });
 *   await client.request('prompts/list', {});        // any method; the result object, or McpRpcError
 *   await client.notify('notifications/cancelled', { requestId: 3 });
 *   await client.close();                            // DELETE the session, if there is one
 *
 * Errors: McpHttpError (status + WWW-Authenticate: 401/403 drive re-authorization), McpRpcError (a
 * JSON-RPC error), McpProtocolError (an unreadable answer), HttpError (network). A 404 for our session
 * re-initializes once and retries. Server-to-client requests go to `onServerRequest` (default: `ping`
 * answered, the rest declined and reported through `onDeclined`).
 *
 * Why our own client and not the SDK's StreamableHTTPClientTransport: mcpauth speaks the stateless
 * 2026-07-28 revision (server/discover, `_meta`, Mcp-Method/Mcp-Name headers) that SDK 1.x does not,
 * every request must go through our recording HTTP client with its URL policy, masking and Ctrl-C,
 * and 401/403 must surface with the raw challenge for step-up. The wire parts that are easy to get
 * wrong are not hand-written: SSE parsing is the eventsource-parser library (the one the SDK uses).
 */
import { McpProtocolError, McpRpcError, McpSessionExpiredError } from './mcp-error.js';
import { isStatelessVersion, MCP_PROTOCOL_VERSIONS, type McpProtocolVersion } from './protocol-version.js';
import { buildMessage, type ClientInfo } from './rpc-message.js';
import type { ServerNotification } from './rpc-incoming.js';
import { declineServerRequests, type DeclinedRequest, type ServerRequestHandler } from './server-requests.js';
import { createStreamableHttpTransport, type McpFetch } from './streamable-http.js';

export type { McpFetch } from './streamable-http.js';

export interface McpClientOptions {
  url: string;
  fetch: McpFetch;
  version: McpProtocolVersion;
  clientInfo: ClientInfo;
  /** Sent as `Authorization: Bearer` on every request (MCP 2025-11-25 L447-457), never in the URL. */
  accessToken?: string;
  /** Serves server-to-client requests; the default answers ping and declines the rest. */
  onServerRequest?: ServerRequestHandler;
  /** Told about each request the default handler declined (so the user learns what was asked). */
  onDeclined?: (declined: DeclinedRequest) => void;
  onNotification?: (notification: ServerNotification) => void;
  /** Waits before resuming a closed event stream (the server's `retry`). */
  sleep?: (ms: number) => Promise<void>;
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
  request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  notify(method: string, params?: Record<string, unknown>): Promise<void>;
  /** Ends the session at the server (DELETE), when there is one; never throws. */
  close(): Promise<void>;
  readonly sessionId: string | undefined;
  /** The revision in use: the one the server chose in initialize. */
  readonly protocolVersion: string | undefined;
}

/** Revisions a server may choose in initialize that this client can follow (2024-11-05: same messages). */
const ACCEPTED_VERSIONS: readonly string[] = ['2024-11-05', ...MCP_PROTOCOL_VERSIONS];

/** The per-message headers of buildMessage (2026-07-28 routing and version); the session's own come from the transport. */
function routing(headers: Record<string, string>): Record<string, string> {
  const { 'content-type': _type, accept: _accept, ...rest } = headers;
  return rest;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createMcpClient(options: McpClientOptions): McpClient {
  let nextId = 1;
  let sessionId: string | undefined;
  /** Set by initialize: the revision the server chose, echoed in MCP-Protocol-Version afterwards. */
  let negotiated: string | undefined;
  let hello: ServerHello | undefined;
  const stateless = isStatelessVersion(options.version);
  const transport = createStreamableHttpTransport({
    url: options.url,
    fetch: options.fetch,
    headers: () => {
      const headers: Record<string, string> = {};
      if (options.accessToken !== undefined) headers.authorization = `Bearer ${options.accessToken}`;
      if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;
      // 2025-06-18 transports §Protocol Version Header; a 2025-03-26 session has no such header.
      if (negotiated !== undefined && negotiated >= '2025-06-18') headers['mcp-protocol-version'] = negotiated;
      return headers;
    },
    onSessionId: (id) => {
      sessionId = id;
    },
    onServerRequest: options.onServerRequest ?? declineServerRequests(options.onDeclined ?? (() => undefined)),
    onNotification: options.onNotification ?? (() => undefined),
    sleep: options.sleep ?? defaultSleep,
  });

  async function send(method: string, params: Record<string, unknown> | undefined): Promise<Record<string, unknown>> {
    const id = nextId++;
    const message = buildMessage(method, params, { id, version: options.version, clientInfo: options.clientInfo });
    const answer = await transport.request({ ...message.body, id, method }, `mcp ${method}`, routing(message.headers));
    if (answer.error) throw new McpRpcError(method, answer.error);
    return answer.result ?? {};
  }

  async function notify(method: string, params?: Record<string, unknown>): Promise<void> {
    const message = buildMessage(method, params, { version: options.version, clientInfo: options.clientInfo });
    await transport.notify(message.body, `mcp ${method}`, routing(message.headers));
  }

  async function connect(): Promise<ServerHello> {
    if (stateless) {
      const result = await send('server/discover', {});
      const meta = result._meta as Record<string, unknown> | undefined;
      const info = (meta?.['io.modelcontextprotocol/serverInfo'] ?? result.serverInfo) as ServerHello['serverInfo'];
      hello = { protocolVersion: options.version, serverInfo: info, via: 'server/discover' };
      return hello;
    }
    const result = await send('initialize', { protocolVersion: options.version, capabilities: {}, clientInfo: options.clientInfo });
    const protocolVersion = typeof result.protocolVersion === 'string' ? result.protocolVersion : options.version;
    // Lifecycle §Version Negotiation: a version the client does not support means disconnecting.
    if (!ACCEPTED_VERSIONS.includes(protocolVersion)) {
      throw new McpProtocolError('initialize', `the server chose protocol version ${JSON.stringify(protocolVersion)}, which mcpauth does not speak (it speaks ${ACCEPTED_VERSIONS.join(', ')})`);
    }
    negotiated = protocolVersion;
    await notify('notifications/initialized');
    hello = { protocolVersion, serverInfo: result.serverInfo as ServerHello['serverInfo'], via: 'initialize' };
    return hello;
  }

  /** One retry after a fresh initialize when the server forgot our session (HTTP 404). */
  async function request(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    try {
      return await send(method, params);
    } catch (error) {
      if (!(error instanceof McpSessionExpiredError) || hello === undefined) throw error;
      sessionId = undefined;
      negotiated = undefined;
      await connect();
      return send(method, params);
    }
  }

  return {
    connect,
    async listTools() {
      const result = await request('tools/list', {});
      const tools = Array.isArray(result.tools) ? (result.tools as McpTool[]) : [];
      return tools.filter((tool) => typeof tool?.name === 'string');
    },
    callTool: (name, args) => request('tools/call', { name, arguments: args }),
    request,
    notify,
    async close() {
      if (sessionId === undefined) return;
      await transport.terminate().catch(() => undefined);
      sessionId = undefined;
    },
    get sessionId() {
      return sessionId;
    },
    get protocolVersion() {
      return negotiated ?? (stateless ? options.version : undefined);
    },
  };
}
