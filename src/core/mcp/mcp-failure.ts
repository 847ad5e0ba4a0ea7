import { CliError } from '../../errors.js';
import { McpHttpError, McpProtocolError, McpRpcError } from './mcp-error.js';

/** An MCP client failure as the one-sentence CliError a user sees; anything else passes through. */
export function describeMcpFailure(error: unknown, context: string): unknown {
  if (error instanceof McpHttpError) {
    const auth = error.status === 401 || error.status === 403;
    return new CliError(auth ? 'auth' : 'protocol', `${context}: ${error.message}.`, {
      hint: auth ? 'Run mcpauth call <url> (it refreshes or re-authorizes), or mcpauth login <url> again.' : 'Run mcpauth probe on the URL.',
      cause: error,
    });
  }
  if (error instanceof McpRpcError || error instanceof McpProtocolError) {
    return new CliError('protocol', `${context}: ${error.message}.`, { cause: error });
  }
  return error;
}
