import { createMcpClient, type McpClientOptions } from './mcp-client.js';
import { McpHttpError } from './mcp-error.js';

/**
 * Connects without a token and returns the HTTP refusal the server answers with (its 401 challenge),
 * or undefined when it answers otherwise. Used where a server answered a token with something that is
 * not a challenge (a 5xx): a tokenless 401 shows that the token was what it refused.
 */
export async function tokenlessChallenge(options: Omit<McpClientOptions, 'accessToken'>): Promise<McpHttpError | undefined> {
  const client = createMcpClient(options);
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error instanceof McpHttpError ? error : undefined;
  } finally {
    await client.close();
  }
}
