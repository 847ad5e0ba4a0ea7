import type { JsonRpcError, ServerRequest } from './rpc-incoming.js';

export type ServerRequestAnswer = { result: Record<string, unknown> } | { error: JsonRpcError };

/** Answers one server-to-client request; the transport POSTs the answer back. */
export type ServerRequestHandler = (request: ServerRequest) => Promise<ServerRequestAnswer>;

/** A server-to-client request mcpauth could not serve, in words for the user. */
export interface DeclinedRequest {
  method: string;
  /** What the server asked for, e.g. `user input: "Please provide your contact information"`. */
  asked: string;
}

/** JSON-RPC 2.0 §5.1: the method does not exist / is not available on this side. */
const METHOD_NOT_FOUND = -32601;

function excerpt(value: unknown, max = 160): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

function describe(request: ServerRequest): string {
  const params = request.params ?? {};
  switch (request.method) {
    case 'elicitation/create': {
      const url = params.mode === 'url' ? excerpt(params.url) : undefined;
      const message = excerpt(params.message);
      return `user input${message ? `: ${message}` : ''}${url ? ` at ${url}` : ''}`;
    }
    case 'sampling/createMessage': {
      const messages = Array.isArray(params.messages) ? params.messages : [];
      const first = messages[0] as { content?: { text?: unknown } } | undefined;
      const text = excerpt(first?.content?.text);
      return `a completion from the client's language model${text ? `: ${text}` : ''}`;
    }
    case 'roots/list':
      return "the list of the client's filesystem roots";
    default:
      return `${request.method}`;
  }
}

/**
 * The default answer to server-to-client requests. MCP servers send them even to a client that declared
 * no capability (the TS SDK example's collect-user-info tool elicits at once); leaving one unanswered
 * hangs the tool call, so `ping` is answered (MCP basic/utilities/ping: promptly, with an empty result)
 * and everything else gets a JSON-RPC error saying mcpauth cannot serve it, and the user is told.
 */
export function declineServerRequests(onDeclined: (declined: DeclinedRequest) => void): ServerRequestHandler {
  return async (request) => {
    if (request.method === 'ping') return { result: {} };
    onDeclined({ method: request.method, asked: describe(request) });
    return { error: { code: METHOD_NOT_FOUND, message: `mcpauth does not serve ${request.method} (no such client capability declared)` } };
  };
}
