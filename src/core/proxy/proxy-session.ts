import { McpHttpError, McpSessionExpiredError } from '../mcp/mcp-error.js';
import { classifyMessage, type JsonRpcId, type JsonRpcResponse, type ServerRequest } from '../mcp/rpc-incoming.js';
import type { ServerRequestAnswer } from '../mcp/server-requests.js';
import { createStreamableHttpTransport, type OutgoingRpc } from '../mcp/streamable-http.js';
import { openServerStream, type StreamFetch } from './server-stream.js';
import type { ProxyAuth } from './proxy-auth.js';

export interface ProxyOptions {
  url: string;
  /** Extra headers for every request (--header, already expanded). */
  headers: Readonly<Record<string, string>>;
  /** MCP-Protocol-Version to send before the client's initialize has chosen one (--protocol-version). */
  protocolVersion: string | undefined;
}

export interface ProxyDeps {
  fetch: StreamFetch;
  auth: ProxyAuth;
  sleep: (ms: number) => Promise<void>;
  /** One message to the local client (stdout). */
  send: (message: object) => void;
  /** A line for stderr; `verbose` lines only with --verbose. */
  log: (text: string, verbose?: boolean) => void;
  /** Why a request failed, as the JSON-RPC error the local client receives. */
  describeFailure: (error: unknown) => { code: number; message: string };
}

type Pending = { resolve: (answer: ServerRequestAnswer) => void };

/**
 * The proxy between a local stdio client and a remote Streamable HTTP server. Every JSON-RPC message
 * passes unchanged both ways: client requests are POSTed (one at a time per request, concurrently),
 * their answers, notifications and server-to-client requests (elicitation, sampling, roots) come back
 * through the one MCP transport and are written to the client; the client's answers are POSTed back.
 * A session the server forgot (404) is re-created by replaying the client's initialize.
 */
export function createProxySession(options: ProxyOptions, deps: ProxyDeps) {
  let sessionId: string | undefined;
  let negotiated: string | undefined;
  let initialize: (OutgoingRpc & { id: JsonRpcId; method: string }) | undefined;
  let stream: { stop(): void } | undefined;
  let closed = false;
  let sessionPending = false;
  const pending = new Map<string, Pending>();

  const baseHeaders = (): Record<string, string> => {
    const headers: Record<string, string> = { ...options.headers };
    if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;
    const version = negotiated ?? options.protocolVersion;
    if (version !== undefined && version >= '2025-06-18') headers['mcp-protocol-version'] = version;
    return headers;
  };
  let latestToken = '';
  const withToken = (token: string): Record<string, string> => (token === '' ? {} : { authorization: `Bearer ${token}` });

  const transport = createStreamableHttpTransport({
    url: options.url,
    fetch: deps.fetch,
    headers: () => ({ ...baseHeaders(), ...withToken(latestToken) }),
    onSessionId: (id) => {
      sessionId = id;
    },
    onServerRequest: (request) => forwardServerRequest(request),
    onNotification: (notification) => deps.send(notification),
    sleep: deps.sleep,
  });

  /** A server-to-client request goes to the local client; its answer (any id) comes back through `handle`. */
  function forwardServerRequest(request: ServerRequest): Promise<ServerRequestAnswer> {
    deps.log(`server asks: ${request.method}`, true);
    return new Promise((resolve) => {
      pending.set(keyOf(request.id), { resolve });
      deps.send(request);
    });
  }

  async function post(message: OutgoingRpc & { id: JsonRpcId; method: string }): Promise<JsonRpcResponse> {
    return deps.auth.run(async (token) => {
      latestToken = token;
      // A new session that failed half-way (its initialize needed a login): finish it first.
      if (sessionPending && message.method !== 'initialize') await reinitialize(token);
      try {
        return await transport.request(message, `proxy ${message.method}`, withToken(token));
      } catch (error) {
        if (initialize === undefined || message.method === 'initialize' || !sessionLost(error, sessionId !== undefined)) throw error;
        deps.log(error instanceof McpSessionExpiredError
          ? 'the server forgot the session (HTTP 404): starting a new one with the same initialize'
          : `the server answered HTTP ${(error as McpHttpError).status}; it may have restarted: starting a new session with the same initialize`);
        await reinitialize(token);
        return transport.request(message, `proxy ${message.method}`, withToken(token));
      }
    });
  }

  async function reinitialize(token: string): Promise<void> {
    sessionId = undefined;
    negotiated = undefined;
    if (initialize === undefined) return;
    sessionPending = true;
    const answer = await transport.request(initialize, 'proxy initialize (new session)', withToken(token));
    negotiated = versionOf(answer);
    await transport.notify({ jsonrpc: '2.0', method: 'notifications/initialized' }, 'proxy notifications/initialized (new session)', withToken(token));
    sessionPending = false;
  }

  async function forwardRequest(message: OutgoingRpc & { id: JsonRpcId; method: string }): Promise<void> {
    if (message.method === 'initialize') initialize = message;
    try {
      const answer = await post(message);
      if (message.method === 'initialize') negotiated = versionOf(answer);
      deps.send(answer);
    } catch (error) {
      const failure = deps.describeFailure(error);
      deps.log(`${message.method} failed: ${failure.message}`);
      deps.send({ jsonrpc: '2.0', id: message.id, error: failure });
    }
  }

  async function forwardNotification(message: OutgoingRpc & { method: string }): Promise<void> {
    try {
      await deps.auth.run(async (token) => {
        latestToken = token;
        await transport.notify(message, `proxy ${message.method}`, withToken(token));
      });
    } catch (error) {
      deps.log(`${message.method} could not be delivered: ${deps.describeFailure(error).message}`);
    }
    if (message.method === 'notifications/initialized' && stream === undefined && !closed) startStream();
  }

  function startStream(): void {
    stream = openServerStream({
      url: options.url,
      fetch: deps.fetch,
      headers: async () => ({ ...baseHeaders(), ...withToken((latestToken = await deps.auth.latest())) }),
      sleep: deps.sleep,
      log: deps.log,
      onMessage: async (message) => {
        const kind = classifyMessage(message);
        if (kind?.kind === 'request') {
          const answer = await forwardServerRequest(kind.message);
          await transport.notify({ jsonrpc: '2.0', id: kind.message.id, ...answer }, `proxy answer to ${kind.message.method}`);
        } else if (kind !== undefined) {
          deps.send(kind.message);
        }
      },
    });
  }

  return {
    /** One message from the local client (already parsed). */
    handle(value: unknown): Promise<void> {
      const message = classifyMessage(value);
      if (message === undefined) {
        deps.log('ignored a message from the client that is not JSON-RPC');
        return Promise.resolve();
      }
      if (message.kind === 'response') {
        const waiting = pending.get(keyOf(message.message.id ?? ''));
        if (waiting === undefined) {
          deps.log(`the client answered an unknown request id ${JSON.stringify(message.message.id)}`);
          return Promise.resolve();
        }
        pending.delete(keyOf(message.message.id ?? ''));
        const { result, error } = message.message;
        waiting.resolve(error !== undefined ? { error } : { result: result ?? {} });
        return Promise.resolve();
      }
      if (message.kind === 'request') return forwardRequest(message.message as OutgoingRpc & { id: JsonRpcId; method: string });
      return forwardNotification(message.message as OutgoingRpc & { method: string });
    },
    /** The client went away: stop the GET stream and end the session at the server. */
    async close(): Promise<void> {
      closed = true;
      stream?.stop();
      for (const [key, waiting] of pending) {
        pending.delete(key);
        waiting.resolve({ error: { code: -32603, message: 'the local client closed the connection' } });
      }
      if (sessionId !== undefined) await transport.terminate().catch(() => undefined);
    },
  };
}

/**
 * A 404 for our session (the spec's answer), a 400 to a request that carried a session id (the TS SDK
 * example's "No valid session ID provided" after a restart), or a 5xx (a restarted server whose token
 * verifier answers an unknown token with 500, interop-notes.md): a new initialize tells which, and its
 * own 5xx is read by the shared authorization rules (a tokenless initialize answered 401 means our
 * token was refused).
 */
function sessionLost(error: unknown, hadSession: boolean): boolean {
  if (error instanceof McpSessionExpiredError) return true;
  return error instanceof McpHttpError && (error.status >= 500 || (error.status === 400 && hadSession));
}

function keyOf(id: JsonRpcId | null): string {
  return JSON.stringify(id);
}

function versionOf(answer: JsonRpcResponse): string | undefined {
  const version = answer.result?.protocolVersion;
  return typeof version === 'string' ? version : undefined;
}

