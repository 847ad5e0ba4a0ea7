import { isStatelessVersion, type McpProtocolVersion } from './protocol-version.js';

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: number;
  method: string;
  params?: Record<string, unknown>;
}

export interface ClientInfo {
  name: string;
  version: string;
}

export interface OutgoingMessage {
  body: JsonRpcRequest;
  headers: Record<string, string>;
}

const META_VERSION = 'io.modelcontextprotocol/protocolVersion';
const META_CAPABILITIES = 'io.modelcontextprotocol/clientCapabilities';
const META_CLIENT_INFO = 'io.modelcontextprotocol/clientInfo';

/** Methods whose name-shaped parameter is mirrored into Mcp-Name (SEP-2243). */
function nameOf(method: string, params: Record<string, unknown> | undefined): string | undefined {
  if (method === 'tools/call' || method === 'prompts/get') return typeof params?.name === 'string' ? params.name : undefined;
  if (method === 'resources/read') return typeof params?.uri === 'string' ? params.uri : undefined;
  return undefined;
}

/**
 * One JSON-RPC message with the headers its protocol revision wants. Stateful revisions send
 * MCP-Protocol-Version after initialize (2025-06-18 transports §Protocol Version Header); 2026-07-28
 * sends it on every request together with `_meta` and the Mcp-Method / Mcp-Name routing headers.
 */
export function buildMessage(
  method: string,
  params: Record<string, unknown> | undefined,
  options: { id?: number; version: McpProtocolVersion; clientInfo: ClientInfo; versionHeader?: string },
): OutgoingMessage {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  let finalParams = params;
  if (isStatelessVersion(options.version)) {
    const meta = { [META_VERSION]: options.version, [META_CAPABILITIES]: {}, [META_CLIENT_INFO]: options.clientInfo };
    finalParams = { ...params, _meta: { ...meta, ...(params?._meta as Record<string, unknown> | undefined) } };
    headers['mcp-method'] = method;
    const name = nameOf(method, params);
    if (name !== undefined) headers['mcp-name'] = name;
  }
  const versionHeader = isStatelessVersion(options.version) ? options.version : options.versionHeader;
  if (versionHeader !== undefined) headers['mcp-protocol-version'] = versionHeader;
  const body: JsonRpcRequest = { jsonrpc: '2.0', method };
  if (options.id !== undefined) body.id = options.id;
  if (finalParams !== undefined) body.params = finalParams;
  return { body, headers };
}
