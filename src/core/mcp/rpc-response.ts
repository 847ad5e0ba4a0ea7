export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: number | string | null;
  result?: Record<string, unknown>;
  error?: JsonRpcError;
}

/** Why a body could not be read as the JSON-RPC answer we waited for. */
export class RpcParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcParseError';
  }
}

function isResponse(value: unknown): value is JsonRpcResponse {
  return typeof value === 'object' && value !== null && ('result' in value || 'error' in value);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RpcParseError(`the ${what} is not valid JSON: ${text.slice(0, 120)}`);
  }
}

/** The `data:` payloads of a text/event-stream body, one per event (WHATWG SSE: lines joined by \n). */
export function readSseEvents(text: string): string[] {
  const events: string[] = [];
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) events.push(data.join('\n'));
      data = [];
    } else if (line.startsWith('data:')) {
      data.push(line.slice(5).replace(/^ /, ''));
    }
  }
  if (data.length > 0) events.push(data.join('\n'));
  return events;
}

/**
 * Streamable HTTP (2025-03-26 transports): a POST is answered either by one application/json message
 * or by a text/event-stream whose events may carry notifications and requests before the response.
 */
export function parseRpcBody(contentType: string, text: string, id: number): JsonRpcResponse {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  let candidates: unknown[];
  if (type === 'text/event-stream') {
    candidates = readSseEvents(text).map((event) => parseJson(event, 'event-stream data'));
  } else if (type === 'application/json' || type.endsWith('+json')) {
    const value = parseJson(text, 'response body');
    candidates = Array.isArray(value) ? value : [value];
  } else {
    throw new RpcParseError(`expected application/json or text/event-stream, got '${contentType || 'no content type'}'`);
  }
  const match = candidates.find((candidate) => isResponse(candidate) && candidate.id === id);
  if (!match) throw new RpcParseError(`the answer has no JSON-RPC response with id ${id}`);
  return match as JsonRpcResponse;
}
