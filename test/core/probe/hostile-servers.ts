import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Small purpose-built servers for what the harness cannot do (TLS, endless bodies, silence, loops). */
export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

async function listen(server: Server, scheme: 'http' | 'https'): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function startHttpServer(handler: RequestListener): Promise<TestServer> {
  return listen(createHttpServer(handler), 'http');
}

/** A fresh self-signed certificate for 127.0.0.1 (node:crypto cannot make X.509, openssl can). */
export function makeSelfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mcpauth-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '1',
      '-keyout', join(dir, 'k'), '-out', join(dir, 'c'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'k'), 'utf8'), cert: readFileSync(join(dir, 'c'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startHttpsServer(tls: { key: string; cert: string }, handler: RequestListener): Promise<TestServer> {
  return listen(createHttpsServer(tls, handler), 'https');
}

/** Answers the MCP POST with a Bearer 401 pointing at `prmPath`, and routes everything else to `rest`. */
export function mcpChallengeRoutes(rest: (req: IncomingMessage, res: ServerResponse, origin: string) => void): RequestListener {
  return (req, res) => {
    const origin = `${'encrypted' in req.socket ? 'https' : 'http'}://${req.headers.host ?? ''}`;
    if (req.method === 'POST' && req.url === '/mcp') {
      req.resume();
      res.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp", scope="mcp"` });
      res.end();
      return;
    }
    rest(req, res, origin);
  };
}

export function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A loopback port nothing listens on (bound, then released), so connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = await startHttpServer(() => undefined);
  await server.close();
  return Number(new URL(server.origin).port);
}
