import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SaveCredentialInput } from '../../src/core/store/credential.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';

/**
 * The servers every contract case shares: a healthy harness, a harness whose MCP server answers 500,
 * a port nothing listens on, and a server that accepts connections and never answers (for signals).
 */
export interface ContractServers {
  healthy: Harness;
  /** Every request to this origin (MCP endpoint and authorization server) answers 500. */
  failingUrl: string;
  /** http://127.0.0.1:<closed port>/mcp */
  unreachableUrl: string;
  /** Tokens that must never appear in output (except `token print`'s stdout); cases add their own. */
  secrets: string[];
  /** A fresh, real credential for the healthy server (each case gets its own: logout revokes, refresh rotates). */
  freshCredential(): Promise<SaveCredentialInput>;
  /** A stored credential for `url`, whose authorization server is at the same origin. */
  credentialFor(url: string): SaveCredentialInput;
  close(): Promise<void>;
}

export interface HangServer {
  url: string;
  /** Resolves when a request reaches this server with `marker` in its path or Host (each case has its own). */
  requested(): number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Accepts every request and never answers: the command waits, as on a stalled network. */
export async function startHangServer(): Promise<HangServer> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer(() => {
    count += 1;
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requested: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A stored credential for a server whose MCP endpoint and authorization server are both at `origin`. */
export function credentialAt(template: SaveCredentialInput, url: string): SaveCredentialInput {
  const origin = new URL(url).origin;
  return {
    ...template,
    serverUrl: url,
    resource: url,
    issuer: origin,
    tokenEndpoint: `${origin}/token`,
    revocationEndpoint: `${origin}/revoke`,
    introspectionEndpoint: `${origin}/introspect`,
    // Expired, so every command that needs a token must reach the authorization server first.
    accessTokenExpiresAt: new Date(Date.now() - 60_000).toISOString(),
  };
}

/** Answers 500 to everything: the MCP endpoint, discovery and the token endpoint alike. */
async function startFailingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"server_error","error_description":"the test server always fails"}');
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/mcp`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function startContractServers(): Promise<ContractServers> {
  const healthy = await startHarness();
  const failing = await startFailingServer();
  const unreachableUrl = `http://127.0.0.1:${await closedPort()}/mcp`;
  const template = await obtainCredentialInput(healthy);
  const secrets = [template.secrets.accessToken, template.secrets.refreshToken ?? ''].filter((s) => s.length > 8);
  return {
    healthy,
    failingUrl: failing.url,
    unreachableUrl,
    secrets,
    freshCredential: async () => {
      const input = await obtainCredentialInput(healthy);
      secrets.push(input.secrets.accessToken, ...(input.secrets.refreshToken === undefined ? [] : [input.secrets.refreshToken]));
      return input;
    },
    credentialFor: (url) => credentialAt(template, url),
    close: async () => {
      await Promise.all([healthy.close(), failing.close()]);
    },
  };
}

/** A fresh MCPAUTH_HOME holding these credentials (file store: no keychain in tests). */
export async function homeWith(credentials: readonly SaveCredentialInput[]): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), 'mcpauth-contract-'));
  const store = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
  for (const credential of credentials) await store.save(credential);
  return home;
}
