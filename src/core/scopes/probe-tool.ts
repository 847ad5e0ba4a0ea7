import { findBearerChallenge, parseWwwAuthenticate } from '../discovery/index.js';
import { createMcpClient, type McpClientOptions } from '../mcp/mcp-client.js';
import { McpHttpError, McpRpcError } from '../mcp/mcp-error.js';
import { DEFAULT_PROTOCOL_VERSION, type McpProtocolVersion } from '../mcp/protocol-version.js';
import { splitScopes } from '../token/token-summary.js';

/** What calling a tool taught us about the scopes it needs. */
export type ToolProbe =
  | { tool: string; outcome: 'authorized'; detail: string }
  | { tool: string; outcome: 'insufficient-scope'; status: number; scopes: string[] | undefined; description: string | undefined }
  | { tool: string; outcome: 'unauthorized'; status: number; error: string | undefined; scopes: string[] | undefined }
  | { tool: string; outcome: 'failed'; reason: string };

/**
 * Calls the tool with the credential's token and reads the answer: MCP 2025-11-25 §Step-Up says a server
 * SHOULD answer an under-scoped call with 403 and `Bearer error="insufficient_scope", scope="…"` naming
 * what the operation needs. A call that gets past authorization really runs the tool (with no arguments).
 */
export async function probeToolScopes(
  url: string,
  tool: string,
  accessToken: string | undefined,
  session: Pick<McpClientOptions, 'fetch' | 'onDeclined' | 'onNotification' | 'onFallback' | 'sleep'> & { version?: McpProtocolVersion },
): Promise<ToolProbe> {
  const { version, ...hooks } = session;
  const client = createMcpClient({ ...hooks, url, version: version ?? DEFAULT_PROTOCOL_VERSION, clientInfo: { name: 'mcpauth-scopes', version: '0' }, ...(accessToken === undefined ? {} : { accessToken }) });
  try {
    await client.connect();
    await client.callTool(tool, {});
    return { tool, outcome: 'authorized', detail: 'the call passed authorization and the tool answered' };
  } catch (error) {
    if (error instanceof McpRpcError) return { tool, outcome: 'authorized', detail: `the call passed authorization; the tool answered a JSON-RPC error (${error.message})` };
    if (error instanceof McpHttpError && (error.status === 401 || error.status === 403)) return readChallenge(tool, error);
    return { tool, outcome: 'failed', reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.close();
  }
}

async function readChallenge(tool: string, error: McpHttpError): Promise<ToolProbe> {
  const bearer = findBearerChallenge(await parseWwwAuthenticate(error.wwwAuthenticate));
  const scope = bearer?.parameters.scope;
  const scopes = scope === undefined ? undefined : splitScopes(scope);
  const code = bearer?.parameters.error;
  if (code === 'insufficient_scope') return { tool, outcome: 'insufficient-scope', status: error.status, scopes, description: bearer?.parameters.error_description };
  return { tool, outcome: 'unauthorized', status: error.status, error: code, scopes };
}
