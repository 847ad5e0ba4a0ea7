import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { NextFunction, Request, Response } from 'express';
import { listenOnLoopback } from './listen.js';
import { bearerAuth } from './mcp-bearer-auth.js';
import { corsMiddleware, delayMiddleware, mountMetadataRoutes, prmLocations, prmPath } from './mcp-metadata-routes.js';
import type { McpServerKnobs } from './mcp-server-knobs.js';
import { DEFAULT_ADMIN_SCOPE, DEFAULT_REQUIRED_SCOPES } from './mcp-server-knobs.js';
import { createTokenVerifier } from './mcp-token-verifier.js';
import { sessionRoutes } from './mcp-sessions.js';
import { ADMIN_TOOL, createToolServer } from './mcp-tools.js';

export interface McpTestServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:40124/mcp: also the PRM `resource` and the expected token `aud`. */
  url: string;
  origin: string;
  /** The URL the challenge advertises as resource_metadata (before the challenge knobs). */
  prmUrl: string;
  knobs: McpServerKnobs;
  /** With knobs.sessions: forget every session (the next request with an old Mcp-Session-Id gets 404). */
  forgetSessions(): void;
  close(): Promise<void>;
}

export async function startMcpServer(knobs: McpServerKnobs = {}): Promise<McpTestServer> {
  const listener = await listenOnLoopback();
  const mcpPath = knobs.mcpPath ?? '/mcp';
  const url = `${listener.origin}${mcpPath}`;
  const requiredScopes = knobs.requiredScopes ?? DEFAULT_REQUIRED_SCOPES;
  const adminScope = knobs.adminScope ?? DEFAULT_ADMIN_SCOPE;
  const allScopes = [...requiredScopes, adminScope];
  const advertised = prmLocations(knobs).find((location) => location !== 'none') ?? 'path';
  const prmUrl = `${listener.origin}${prmPath(advertised, mcpPath) ?? ''}`;

  // Host-header validation for 127.0.0.1 plus express.json() (gotcha 15).
  const app = createMcpExpressApp({ host: '127.0.0.1' });
  if (knobs.delayMs) app.use(delayMiddleware(knobs.delayMs));
  if (knobs.cors !== false) app.use(corsMiddleware);
  mountMetadataRoutes(app, knobs, url, allScopes);
  const verifier = createTokenVerifier({ mcpUrl: url, knobs, allScopes });
  app.all(mcpPath, bearerAuth({ knobs, verifier, prmUrl, requiredScopes, adminScope, adminTool: ADMIN_TOOL }));
  const sessions = knobs.sessions ? sessionRoutes(knobs, adminScope) : undefined;
  if (sessions) app.all(mcpPath, sessions.handle);
  app.post(mcpPath, async (req: Request, res: Response) => {
    const server = createToolServer(adminScope, knobs);
    // Stateless: one server and transport per request, so there is no session to (mis)use as authentication.
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: knobs.responses !== 'sse' });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  app.all(mcpPath, (_req: Request, res: Response) => {
    res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: 'server_error', error_description: err instanceof Error ? err.message : String(err) });
  });
  listener.setHandler(app);
  return { url, origin: listener.origin, prmUrl, knobs, forgetSessions: () => sessions?.forget(), close: () => listener.close() };
}
