import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  server: Server;
  port: number;
  origin: string;
  close(): Promise<void>;
}

/**
 * Binds on 127.0.0.1 with a random port. The handler is attached later (setHandler) because both servers need
 * their own origin before they can build their handler (the oidc-provider issuer contains the port).
 */
export async function listenOnLoopback(): Promise<LoopbackServer & { setHandler(h: RequestListener): void }> {
  let handler: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('starting');
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    setHandler(h) {
      handler = h;
    },
    close: () => closeServer(server),
  };
}

/** Keep-alive sockets from fetch would otherwise hold close() open until they time out. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
  });
  server.closeAllConnections();
  await closed;
}
