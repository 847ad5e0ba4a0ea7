import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../json/json-depth.js';

export type JsonRpcId = number | string;

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: JsonRpcId | null;
  result?: Record<string, unknown>;
  error?: JsonRpcError;
}

/** A request the server sends to the client (ping, elicitation/create, sampling/createMessage, roots/list). */
export interface ServerRequest {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: Record<string, unknown>;
}

export interface ServerNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}

/** What one message from the server is (JSON-RPC 2.0 §4-5: a request has an id and a method). */
export type IncomingMessage =
  | { kind: 'response'; message: JsonRpcResponse }
  | { kind: 'request'; message: ServerRequest }
  | { kind: 'notification'; message: ServerNotification };

/** Why a body could not be read as JSON-RPC. */
export class RpcParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcParseError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function classifyMessage(value: unknown): IncomingMessage | undefined {
  if (!isObject(value)) return undefined;
  const hasId = typeof value.id === 'number' || typeof value.id === 'string';
  if (typeof value.method === 'string') {
    return hasId ? { kind: 'request', message: value as unknown as ServerRequest } : { kind: 'notification', message: value as unknown as ServerNotification };
  }
  if ('result' in value || 'error' in value) return { kind: 'response', message: value as unknown as JsonRpcResponse };
  return undefined;
}

/** A JSON body or event data: one message or (2025-03-26) a batch of them. */
export function parseMessages(text: string, what: string): IncomingMessage[] {
  let value: unknown;
  if (jsonTextTooDeep(text)) throw new RpcParseError(`the ${what} nests JSON deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new RpcParseError(`the ${what} is not valid JSON: ${text.slice(0, 120)}`);
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => classifyMessage(item)).filter((m): m is IncomingMessage => m !== undefined);
}
