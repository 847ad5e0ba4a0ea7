/** Raw Streamable HTTP requests, as a probe sends them (no SDK client, so every header is visible). */
export const MCP_ACCEPT = 'application/json, text/event-stream';
export const MCP_PROTOCOL_VERSION = '2025-11-25';

export function initializeMessage(id = 1): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'harness-test', version: '0.0.0' } },
  };
}

export function toolCallMessage(name: string, args: Record<string, unknown> = {}, id = 2): Record<string, unknown> {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

export async function postMcp(url: string, message: unknown, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: MCP_ACCEPT,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: JSON.stringify(message),
  });
}
