import type { JsonRpcError } from './rpc-incoming.js';

/** The server answered a JSON-RPC POST with an HTTP error status (401/403 carry a challenge). */
export class McpHttpError extends Error {
  readonly status: number;
  readonly method: string;
  /** The raw WWW-Authenticate header, parsed by the discovery core's challenge parser. */
  readonly wwwAuthenticate: string | undefined;
  /** The JSON-RPC error in the body, when there is one (2026-07-28 answers 400 with modern error codes). */
  readonly rpcError: JsonRpcError | undefined;

  constructor(method: string, status: number, wwwAuthenticate: string | undefined, excerpt: string, rpcError?: JsonRpcError) {
    super(`the server answered ${method} with HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`);
    this.name = 'McpHttpError';
    this.status = status;
    this.method = method;
    this.wwwAuthenticate = wwwAuthenticate;
    this.rpcError = rpcError;
  }
}

/**
 * HTTP 404 to a request that carried Mcp-Session-Id: the session is gone (2025-03-26 transports,
 * §Session Management: the client MUST start a new session with a fresh initialize).
 */
export class McpSessionExpiredError extends McpHttpError {
  constructor(method: string, excerpt: string) {
    super(method, 404, undefined, excerpt);
    this.name = 'McpSessionExpiredError';
  }
}

/** The server answered with a JSON-RPC error object. */
export class McpRpcError extends Error {
  readonly method: string;
  readonly rpcCode: number;
  readonly rpcError: JsonRpcError;

  constructor(method: string, error: JsonRpcError) {
    super(`${method} failed: ${error.message} (JSON-RPC error ${error.code})`);
    this.name = 'McpRpcError';
    this.method = method;
    this.rpcCode = error.code;
    this.rpcError = error;
  }
}

/** The answer was not a readable JSON-RPC response. */
export class McpProtocolError extends Error {
  readonly method: string;

  constructor(method: string, message: string) {
    super(`${method}: ${message}`);
    this.name = 'McpProtocolError';
    this.method = method;
  }
}
