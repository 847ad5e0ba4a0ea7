import { McpHttpError, McpRpcError } from './mcp-error.js';
import type { JsonRpcError } from './rpc-incoming.js';

/**
 * Error codes only a modern (2026-07-28) server answers with: HeaderMismatch, MissingRequiredClientCapability,
 * UnsupportedProtocolVersion (2026-07-28 changelog item 1; basic/index §Error Codes).
 */
export const UNSUPPORTED_PROTOCOL_VERSION = -32022;
const MODERN_ERROR_CODES: readonly number[] = [-32020, -32021, UNSUPPORTED_PROTOCOL_VERSION];
const METHOD_NOT_FOUND = -32601;

/** What the answer to a modern request says about the server's era. */
export type EraVerdict =
  /** A legacy (initialize-based) server: fall back to initialize. */
  | { kind: 'legacy'; reason: string }
  /** A modern server that does not speak our version: pick one of `supported`. */
  | { kind: 'unsupported-version'; supported: string[] }
  /** A modern server rejected the request, or the failure says nothing about eras: report it. */
  | { kind: 'modern-error' };

/**
 * 2026-07-28 basic/transports/streamable-http §Backward Compatibility: on 400 the client inspects the
 * body; a recognized modern JSON-RPC error means a modern server (retry with a `supported` version),
 * an empty or unrecognized body means a legacy server (fall back to initialize). basic/versioning
 * §Backward Compatibility: "a 4xx without a recognized modern error body" identifies a legacy server
 * (so 404 and 405 count too, as for the HTTP+SSE detection). A JSON-RPC error in a 200 answer is read
 * the same way: server/discover is a MUST for modern servers (basic/versioning §Protocol Version
 * Negotiation), so "method not found" to it can only come from a legacy one (the SDK's stateless servers).
 * 401/403 are authorization, never an era signal.
 */
export function classifyModernFailure(error: unknown): EraVerdict {
  if (error instanceof McpHttpError) {
    if (error.status === 401 || error.status === 403 || error.status < 400 || error.status >= 500) return { kind: 'modern-error' };
    const verdict = fromRpcError(error.rpcError);
    if (verdict !== undefined) return verdict;
    const body = error.rpcError === undefined ? '' : `: JSON-RPC error ${error.rpcError.code} ${JSON.stringify(error.rpcError.message.slice(0, 80))}`;
    return { kind: 'legacy', reason: `HTTP ${error.status}${body}` };
  }
  if (error instanceof McpRpcError) {
    const verdict = fromRpcError(error.rpcError);
    if (verdict !== undefined) return verdict;
    return { kind: 'legacy', reason: `JSON-RPC error ${error.rpcCode}${error.rpcCode === METHOD_NOT_FOUND ? ' (method not found)' : ''}` };
  }
  return { kind: 'modern-error' };
}

function fromRpcError(rpc: JsonRpcError | undefined): EraVerdict | undefined {
  if (rpc === undefined || !MODERN_ERROR_CODES.includes(rpc.code)) return undefined;
  if (rpc.code !== UNSUPPORTED_PROTOCOL_VERSION) return { kind: 'modern-error' };
  const supported = (rpc.data as { supported?: unknown } | undefined)?.supported;
  return { kind: 'unsupported-version', supported: Array.isArray(supported) ? supported.filter((v): v is string => typeof v === 'string') : [] };
}
