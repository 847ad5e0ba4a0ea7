import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Request, RequestHandler, Response } from 'express';
import type { McpServerKnobs } from './mcp-server-knobs.js';
import { createToolServer } from './mcp-tools.js';

export interface SessionRoutes {
  /** POST, GET (resumption with Last-Event-ID) and DELETE on the MCP path. */
  handle: RequestHandler;
  /** Drops every session, as a restarted or scaled-out server would: the next request gets 404. */
  forget(): void;
}

/**
 * The SDK's stateful mode as its own example server runs it: a session per initialize, an event store
 * (so every SSE answer starts with a priming event, SEP-1699), SSE answers (enableJsonResponse off).
 */
export function sessionRoutes(knobs: McpServerKnobs, adminScope: string): SessionRoutes {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let expireOn = knobs.expireSessionOn;
  const handle: RequestHandler = async (req: Request, res: Response) => {
    const id = req.header('mcp-session-id');
    if (id !== undefined && expireOn !== undefined && (req.body as { method?: unknown } | undefined)?.method === expireOn) {
      expireOn = undefined;
      sessions.delete(id);
    }
    const existing = id === undefined ? undefined : sessions.get(id);
    if (existing) return existing.handleRequest(req, res, req.body);
    if (id !== undefined) {
      res.status(404).json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
      return;
    }
    if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
      return;
    }
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new InMemoryEventStore(),
      ...(knobs.closeAfterPrimingMs === undefined ? {} : { retryInterval: knobs.closeAfterPrimingMs }),
      onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
    };
    await createToolServer(adminScope, knobs).connect(transport);
    await transport.handleRequest(req, res, req.body);
  };
  return { handle, forget: () => sessions.clear() };
}
