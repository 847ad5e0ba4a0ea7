import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { CreateMessageResultSchema, ElicitResultSchema, EmptyResultSchema, ListRootsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { McpServerKnobs } from './mcp-server-knobs.js';

export const ADMIN_TOOL = 'admin-reset';

function text(value: string, isError = false) {
  return { content: [{ type: 'text' as const, text: value }], ...(isError ? { isError } : {}) };
}

/** whoami's answer: what the server learnt from the token. */
export function describeAuth(auth: AuthInfo | undefined): Record<string, unknown> {
  if (!auth) return { authenticated: false };
  return { authenticated: true, sub: auth.extra?.sub, client_id: auth.clientId, scopes: auth.scopes, aud: auth.extra?.aud };
}

type Extra = { closeSSEStream?: () => void; sendNotification: (n: { method: 'notifications/message'; params: { level: 'info'; data: string } }) => Promise<void> };

/** closeAfterPrimingMs: the answer comes only on the resumed stream (the client must reconnect, SEP-1699). */
async function maybeCloseStream(extra: Extra, knobs: McpServerKnobs): Promise<void> {
  if (knobs.closeAfterPrimingMs === undefined || !extra.closeSSEStream) return;
  extra.closeSSEStream();
  await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Server-to-client requests, sent the way SDK servers send them: whatever the client declared. */
async function askClient(server: McpServer, extra: { sendRequest: McpServer['server']['request'] }): Promise<string> {
  const outcome = async (label: string, ask: () => Promise<unknown>): Promise<string> => {
    try {
      return `${label}: answered ${JSON.stringify(await ask())}`;
    } catch (error) {
      return `${label}: refused (${error instanceof Error ? error.message : String(error)})`;
    }
  };
  const send = extra.sendRequest.bind(server.server);
  return [
    await outcome('ping', () => send({ method: 'ping' }, EmptyResultSchema)),
    await outcome('elicitation', () => send({ method: 'elicitation/create', params: { mode: 'form', message: 'What is your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } } }, ElicitResultSchema)),
    await outcome('sampling', () => send({ method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }], maxTokens: 5 } }, CreateMessageResultSchema)),
    await outcome('roots', () => send({ method: 'roots/list' }, ListRootsResultSchema)),
  ].join('\n');
}

/** A fresh server per request (stateless) or per session; tools read the token through extra.authInfo. */
export function createToolServer(adminScope: string, knobs: McpServerKnobs = {}): McpServer {
  const server = new McpServer({ name: 'mcpauth-harness', version: '0.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('echo', { description: 'Echoes the text back (needs mcp:tools).', inputSchema: { text: z.string() } }, async ({ text: value }, extra) => {
    // A notification before the response: it rides on the SSE stream (JSON mode drops it).
    await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data: `echoing ${value.length} characters` } });
    await maybeCloseStream(extra, knobs);
    return text(value);
  });
  server.registerTool('whoami', { description: 'Shows the subject, client and scopes of the token.' }, async (extra) => {
    await maybeCloseStream(extra, knobs);
    return text(JSON.stringify(describeAuth(extra.authInfo)));
  });
  server.registerTool(ADMIN_TOOL, { description: `Pretends to reset everything (needs ${adminScope}).` }, async (extra) => {
    // The HTTP layer already answers 403 insufficient_scope; this guard covers knobs that bypass it.
    if (!extra.authInfo?.scopes.includes(adminScope)) return text(`missing scope ${adminScope}`, true);
    return text('reset done');
  });
  // Only in a session: a stateless server would never receive the client's answers.
  if (knobs.sessions) {
    server.registerTool('ask-client', { description: 'Sends ping, elicitation/create, sampling/createMessage and roots/list to the client.' }, async (extra) =>
      text(await askClient(server, extra as unknown as { sendRequest: McpServer['server']['request'] })),
    );
  }
  return server;
}
