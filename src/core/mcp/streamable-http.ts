import { McpHttpError, McpProtocolError, McpSessionExpiredError } from './mcp-error.js';
import { parseMessages, RpcParseError, type JsonRpcError, type JsonRpcId, type JsonRpcResponse, type ServerNotification } from './rpc-incoming.js';
import type { ServerRequestHandler } from './server-requests.js';
import { readSseEvents } from './sse-events.js';

/**
 * The HTTP layer's fetch (src/core/http/client.ts, which records every exchange for --verbose) or
 * anything shaped like it. `stream: true` asks for the body as it arrives (SSE answers).
 */
export type McpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; label?: string; stream?: boolean },
) => Promise<Response>;

export interface OutgoingRpc {
  jsonrpc: '2.0';
  id?: JsonRpcId;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: unknown;
}

export interface TransportOptions {
  url: string;
  fetch: McpFetch;
  /** Headers for every HTTP request (Authorization, Mcp-Session-Id, MCP-Protocol-Version): the session layer owns them. */
  headers: () => Record<string, string>;
  onSessionId: (id: string) => void;
  onServerRequest: ServerRequestHandler;
  onNotification: (notification: ServerNotification) => void;
  sleep: (ms: number) => Promise<void>;
}

/** SEP-1699: reconnect after `retry:` ms; without one, the SDKs' default first delay. */
const DEFAULT_RETRY_MS = 1000;
/** A server asking for minutes is not waited for; the stream is resumed sooner (still after a pause). */
const MAX_RETRY_MS = 30_000;
/** Reconnects in a row that bring no message before giving up (bounded loops, never a spin). */
const MAX_IDLE_RECONNECTS = 5;

interface StreamState {
  lastEventId: string | undefined;
  retryMs: number | undefined;
  messages: number;
}

/**
 * Streamable HTTP, client side (MCP 2025-03-26 and later, basic/transports): one POST per message;
 * the answer is 202 (nothing to say), one JSON message, or an SSE stream that may carry notifications
 * and server-to-client requests before the response, may start with a priming event (id, empty data)
 * and may close before the response, to be resumed by GET with Last-Event-ID after `retry`.
 */
export function createStreamableHttpTransport(options: TransportOptions) {
  async function send(body: OutgoingRpc, label: string, extra: Record<string, string> = {}): Promise<Response> {
    const headers = { ...options.headers(), ...extra, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const response = await options.fetch(options.url, { method: 'POST', headers, body: JSON.stringify(body), label, stream: true });
    await failOnStatus(response, body.method ?? 'response', headers);
    const session = response.headers.get('mcp-session-id');
    if (session !== null && session !== '') options.onSessionId(session);
    return response;
  }

  /** A notification, or the answer to a server request: accepted with 202 (or an empty 2xx). */
  async function post(body: OutgoingRpc, label: string, extra?: Record<string, string>): Promise<void> {
    const response = await send(body, label, extra);
    await response.body?.cancel().catch(() => undefined);
  }

  async function serve(message: ReturnType<typeof parseMessages>[number], method: string): Promise<JsonRpcResponse | undefined> {
    if (message.kind === 'response') return message.message;
    if (message.kind === 'notification') {
      options.onNotification(message.message);
      return undefined;
    }
    const request = message.message;
    const answer = await options.onServerRequest(request);
    await post({ jsonrpc: '2.0', id: request.id, ...answer }, `mcp answer to ${request.method} (during ${method})`);
    return undefined;
  }

  async function readStream(response: Response, id: JsonRpcId, method: string, state: StreamState): Promise<JsonRpcResponse | undefined> {
    if (response.body === null) return undefined;
    const events = readSseEvents(response.body, { onRetry: (ms) => (state.retryMs = ms) });
    for await (const event of events) {
      if (event.id !== undefined) state.lastEventId = event.id;
      // A priming event (SEP-1699) or keep-alive carries no message: only its id matters.
      if (event.data.trim() === '') continue;
      state.messages += 1;
      for (const message of parse(event.data, 'event-stream data', method)) {
        const answer = await serve(message, method);
        if (answer !== undefined && answer.id === id) return answer;
      }
    }
    return undefined;
  }

  async function resume(id: JsonRpcId, method: string, state: StreamState): Promise<JsonRpcResponse> {
    for (let idle = 0; ; ) {
      if (state.lastEventId === undefined) {
        throw new McpProtocolError(method, 'the server closed the event stream before the response, without an event id to resume from');
      }
      if (idle >= MAX_IDLE_RECONNECTS) throw new McpProtocolError(method, `the server closed the event stream ${idle} times in a row without sending the response`);
      await options.sleep(Math.min(state.retryMs ?? DEFAULT_RETRY_MS, MAX_RETRY_MS));
      const headers = { ...options.headers(), accept: 'text/event-stream', 'last-event-id': state.lastEventId };
      const response = await options.fetch(options.url, { method: 'GET', headers, label: `mcp resume ${method} (Last-Event-ID)`, stream: true });
      await failOnStatus(response, method, headers);
      if (!isEventStream(response)) {
        await response.body?.cancel().catch(() => undefined);
        throw new McpProtocolError(method, `resuming the event stream got '${response.headers.get('content-type') ?? 'no content type'}' instead of text/event-stream`);
      }
      const before = state.messages;
      const answer = await readStream(response, id, method, state);
      if (answer !== undefined) return answer;
      idle = state.messages === before ? idle + 1 : 0;
    }
  }

  return {
    /** POSTs one request and returns its response, serving whatever the server sends meanwhile. */
    async request(body: OutgoingRpc & { id: JsonRpcId; method: string }, label: string, extra?: Record<string, string>): Promise<JsonRpcResponse> {
      const response = await send(body, label, extra);
      const { method, id } = body;
      if (isEventStream(response)) {
        const state: StreamState = { lastEventId: undefined, retryMs: undefined, messages: 0 };
        return (await readStream(response, id, method, state)) ?? (await resume(id, method, state));
      }
      const text = await response.text();
      if (response.status === 202 || text.trim() === '') {
        throw new McpProtocolError(method, `the server answered HTTP ${response.status} with no response to the request`);
      }
      const type = contentType(response);
      if (type !== 'application/json' && !type.endsWith('+json')) {
        throw new McpProtocolError(method, `expected application/json or text/event-stream, got '${type || 'no content type'}'`);
      }
      for (const message of parse(text, 'response body', method)) {
        const answer = await serve(message, method);
        if (answer !== undefined && answer.id === id) return answer;
      }
      throw new McpProtocolError(method, `the answer has no JSON-RPC response with id ${id}`);
    },
    notify: (body: OutgoingRpc, label: string, extra?: Record<string, string>) => post(body, label, extra),
    /** DELETE ends the session (transports §Session Management); 405 means the server does not allow it. */
    async terminate(): Promise<void> {
      const response = await options.fetch(options.url, { method: 'DELETE', headers: options.headers(), label: 'mcp end session' });
      await response.body?.cancel().catch(() => undefined);
    },
  };
}

export type StreamableHttpTransport = ReturnType<typeof createStreamableHttpTransport>;

function contentType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isEventStream(response: Response): boolean {
  return contentType(response) === 'text/event-stream';
}

function parse(text: string, what: string, method: string): ReturnType<typeof parseMessages> {
  try {
    return parseMessages(text, what);
  } catch (error) {
    if (error instanceof RpcParseError) throw new McpProtocolError(method, error.message);
    throw error;
  }
}

async function failOnStatus(response: Response, method: string, sent: Record<string, string>): Promise<void> {
  if (response.ok) return;
  const body = (await response.text().catch(() => '')).slice(0, 8192);
  const text = body.slice(0, 200).trim();
  if (response.status === 404 && sent['mcp-session-id'] !== undefined) throw new McpSessionExpiredError(method, text);
  throw new McpHttpError(method, response.status, response.headers.get('www-authenticate') ?? undefined, text, rpcErrorIn(body));
}

/** The JSON-RPC error object of an error answer's body, if it is one (read to tell server eras apart). */
function rpcErrorIn(body: string): JsonRpcError | undefined {
  try {
    const error = (JSON.parse(body) as { error?: unknown } | null)?.error as Partial<JsonRpcError> | undefined;
    if (typeof error?.code !== 'number') return undefined;
    return { code: error.code, message: typeof error.message === 'string' ? error.message : '', data: error.data };
  } catch {
    return undefined;
  }
}
