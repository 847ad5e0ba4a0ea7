/**
 * The ONE MCP client of mcpauth: `call`, `scopes --tool`, `login`'s proof and `proxy` speak through it.
 *
 *   const client = createMcpClient({ url, fetch: runtime.http.fetch, version, clientInfo, accessToken,
 *                                    onDeclined, onNotification, sleep });
 *   const hello = await client.connect();            // initialize + notifications/initialized (or server/discover)
 *                                                    // a legacy server answering server/discover -> initialize (onFallback)
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
import { DEFAULT_PROTOCOL_VERSION, isStatelessVersion, MCP_PROTOCOL_VERSIONS, type McpProtocolVersion } from './protocol-version.js';
import { buildMessage, type ClientInfo } from './rpc-message.js';
import type { ServerNotification } from './rpc-incoming.js';
import { declineServerRequests, type DeclinedRequest, type ServerRequestHandler } from './server-requests.js';
import { classifyModernFailure, type EraVerdict } from './server-era.js';
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
  /** Told when a modern request identified a legacy server and the client fell back to initialize. */
  onFallback?: (fallback: ProtocolFallback) => void;
}

/** A 2026-07-28 request answered the legacy way, and the initialize that replaced it. */
export interface ProtocolFallback {
  from: McpProtocolVersion;
  /** The version offered in initialize (the server may still choose an older one). */
  to: McpProtocolVersion;
  /** What the server answered to server/discover, e.g. `HTTP 400: JSON-RPC error -32000 "..."`. */
  reason: string;
}

export interface ServerHello {
  protocolVersion: string;
  serverInfo: { name?: string; version?: string } | undefined;
  /** 'initialize' (stateful) or 'server/discover' (2026-07-28). */
  via: 'initialize' | 'server/discover';
  /** Set when server/discover identified a legacy server and initialize replaced it. */
  fallback?: ProtocolFallback;
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
  /** The revision requests are built for: options.version until a legacy server makes it a stateful one. */
  let speaking: McpProtocolVersion = options.version;
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
    const message = buildMessage(method, params, { id, version: speaking, clientInfo: options.clientInfo });
    const answer = await transport.request({ ...message.body, id, method }, `mcp ${method}`, routing(message.headers));
    if (answer.error) throw new McpRpcError(method, answer.error);
    return answer.result ?? {};
  }

  async function notify(method: string, params?: Record<string, unknown>): Promise<void> {
    const message = buildMessage(method, params, { version: speaking, clientInfo: options.clientInfo });
    await transport.notify(message.body, `mcp ${method}`, routing(message.headers));
  }

  async function discover(): Promise<ServerHello> {
    const result = await send('server/discover', {});
    const meta = result._meta as Record<string, unknown> | undefined;
    const info = (meta?.['io.modelcontextprotocol/serverInfo'] ?? result.serverInfo) as ServerHello['serverInfo'];
    hello = { protocolVersion: speaking, serverInfo: info, via: 'server/discover' };
    return hello;
  }

  /**
   * 2026-07-28 basic/versioning §Backward Compatibility with Initialization-Based Versions: a dual-era
   * client tries the modern request first and falls back to initialize when the answer identifies a
   * legacy server; the result holds for the server, so this client keeps the legacy revision.
   */
  async function connect(): Promise<ServerHello> {
    if (!isStatelessVersion(speaking)) return initialize();
    try {
      return await discover();
    } catch (error) {
      const verdict = classifyModernFailure(error);
      if (verdict.kind === 'modern-error') throw error;
      const fallback: ProtocolFallback = { from: speaking, to: legacyVersionFor(verdict, speaking), reason: describe(verdict) };
      speaking = fallback.to;
      sessionId = undefined;
      options.onFallback?.(fallback);
      return { ...(await initialize()), fallback };
    }
  }

  async function initialize(): Promise<ServerHello> {
    const result = await send('initialize', { protocolVersion: speaking, capabilities: {}, clientInfo: options.clientInfo });
    const protocolVersion = typeof result.protocolVersion === 'string' ? result.protocolVersion : speaking;
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
      return negotiated ?? (isStatelessVersion(speaking) ? speaking : undefined);
    },
  };
}

/**
 * The stateful revision to offer in initialize: the newest we speak, or for a modern server that
 * named its versions (UnsupportedProtocolVersionError), the newest of those we speak (basic/versioning
 * §Protocol Version Negotiation: "select a mutually supported version").
 */
function legacyVersionFor(verdict: Exclude<EraVerdict, { kind: 'modern-error' }>, requested: McpProtocolVersion): McpProtocolVersion {
  if (verdict.kind === 'legacy') return DEFAULT_PROTOCOL_VERSION;
  const mutual = MCP_PROTOCOL_VERSIONS.filter((v) => !isStatelessVersion(v) && verdict.supported.includes(v));
  const newest = mutual[mutual.length - 1];
  if (newest === undefined) {
    throw new McpProtocolError('server/discover', `the server does not support protocol version ${requested}; it supports ${verdict.supported.join(', ') || 'none it names'}, and mcpauth speaks ${MCP_PROTOCOL_VERSIONS.join(', ')}`);
  }
  return newest;
}

function describe(verdict: Exclude<EraVerdict, { kind: 'modern-error' }>): string {
  return verdict.kind === 'legacy' ? verdict.reason : `UnsupportedProtocolVersionError (the server supports ${verdict.supported.join(', ')})`;
}
