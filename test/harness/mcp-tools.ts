import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { z } from 'zod';

export const ADMIN_TOOL = 'admin-reset';

function text(value: string, isError = false) {
  return { content: [{ type: 'text' as const, text: value }], ...(isError ? { isError } : {}) };
}

/** whoami's answer: what the server learnt from the token. */
export function describeAuth(auth: AuthInfo | undefined): Record<string, unknown> {
  if (!auth) return { authenticated: false };
  return { authenticated: true, sub: auth.extra?.sub, client_id: auth.clientId, scopes: auth.scopes, aud: auth.extra?.aud };
}

/** A fresh server per request (stateless Streamable HTTP); tools read the token through extra.authInfo. */
export function createToolServer(adminScope: string): McpServer {
  const server = new McpServer({ name: 'mcpauth-harness', version: '0.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the text back (needs mcp:tools).', inputSchema: { text: z.string() } },
    async ({ text: value }) => text(value),
  );
  server.registerTool('whoami', { description: 'Shows the subject, client and scopes of the token.' }, async (extra) =>
    text(JSON.stringify(describeAuth(extra.authInfo))),
  );
  server.registerTool(ADMIN_TOOL, { description: `Pretends to reset everything (needs ${adminScope}).` }, async (extra) => {
    // The HTTP layer already answers 403 insufficient_scope; this guard covers knobs that bypass it.
    if (!extra.authInfo?.scopes.includes(adminScope)) return text(`missing scope ${adminScope}`, true);
    return text('reset done');
  });
  return server;
}
