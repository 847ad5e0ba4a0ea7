import { startAuthServer } from './auth-server.js';
import type { AuthServer } from './auth-server.js';
import type { AuthServerKnobs } from './auth-server-knobs.js';
import { PRESET_CLIENTS } from './auth-provider-config.js';
import { startMcpServer } from './mcp-server.js';
import type { McpTestServer } from './mcp-server.js';
import type { McpServerKnobs } from './mcp-server-knobs.js';

export interface HarnessKnobs {
  as?: AuthServerKnobs;
  /** issuer and jwksUri are filled in from the AS unless given. */
  mcp?: McpServerKnobs;
  /** MCP knobs that depend on the running AS (its port), merged over `mcp`. */
  wire?: (as: AuthServer) => McpServerKnobs;
}

export interface Harness {
  mcpUrl: string;
  issuer: string;
  as: AuthServer;
  mcp: McpTestServer;
  close(): Promise<void>;
}

/** Starts an AS and an MCP server wired to each other; the MCP URL is registered as a resource at the AS. */
export async function startHarness(knobs: HarnessKnobs = {}): Promise<Harness> {
  const as = await startAuthServer(knobs.as);
  try {
    const mcp = await startMcpServer(wireMcpKnobs(as, knobs));
    as.registerResource(mcp.url);
    return {
      mcpUrl: mcp.url,
      issuer: as.issuer,
      as,
      mcp,
      close: async () => {
        await Promise.all([mcp.close(), as.close()]);
      },
    };
  } catch (err) {
    await as.close();
    throw err;
  }
}

function wireMcpKnobs(as: AuthServer, knobs: HarnessKnobs): McpServerKnobs {
  const mcp = { ...knobs.mcp, ...knobs.wire?.(as) };
  const verify = { ...mcp.verify };
  // Opaque access tokens can only be checked by asking the AS (RFC 7662).
  if (knobs.as?.accessTokenFormat === 'opaque' && !verify.introspection && !verify.acceptAny) {
    verify.introspection = {
      endpoint: `${as.issuer}/token/introspection`,
      clientId: PRESET_CLIENTS.introspector.client_id,
      clientSecret: PRESET_CLIENTS.introspector.client_secret,
    };
  }
  return { issuer: as.issuer, jwksUri: as.jwksUri, ...mcp, verify };
}
