import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CliError } from '../errors.js';

export interface LoopbackListenerOptions {
  /** 0 = any free port. */
  port: number;
  /** The redirect path; the callback must arrive on exactly this path. */
  path?: string;
  /** Only a callback carrying this `state` is accepted (MCP 2025-11-25 L619-620); others are ignored. */
  expectedState: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** When the port is busy, take any free one instead (a pinned port is a preference, not a demand). */
  fallbackToAnyPort?: boolean;
  /**
   * The host name in the redirect URI. The listener always binds 127.0.0.1 (RFC 8252 §8.3); 'localhost'
   * is for IdPs that only match a localhost registration (Entra's port-less http://localhost, Cognito's
   * HTTPS exemption: idp-quirks.md §18.1).
   */
  redirectHost?: '127.0.0.1' | 'localhost';
}

export interface LoopbackListener {
  /** The exact redirect URI to send: http://127.0.0.1:<port><path> (RFC 8252 §7.3, §8.3). */
  redirectUri: string;
  port: number;
  /** Resolves with the first callback URL that carries the expected state; the listener then closes. */
  waitForCallback(): Promise<URL>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new CliError('usage', `the loopback port ${port} on ${HOST} is already in use, so the authorization redirect cannot be received.`, {
            hint: 'Stop the program using it, or pass another --port (0 picks a free one).',
          }),
        );
      } else reject(error);
    });
    // RFC 8252 §8.3: bind the loopback IP literal only, never all interfaces.
    server.listen(port, HOST, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Binds before the browser is opened, so a busy port fails early and clearly (peers.md (c) #7). */
export async function startLoopbackListener(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const path = options.path ?? '/callback';
  let settle: { resolve(url: URL): void; reject(error: unknown): void } | undefined;
  const result = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => undefined);
  let port = options.port;
  const server = createServer((req, res) => handle(req, res));
  const close = async (): Promise<void> => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (!server.listening) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  const finish = (outcome: { url?: URL; error?: unknown }): void => {
    void close();
    if (outcome.url) settle?.resolve(outcome.url);
    else settle?.reject(outcome.error);
  };
  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' };
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, headers).end(page('Not found', 'This is the mcpauth login listener; nothing lives here.'));
      return;
    }
    if (url.searchParams.get('state') !== options.expectedState) {
      // A stray or forged callback (another tab, another process): ignore it and keep waiting.
      res.writeHead(400, headers).end(page('Not this login', 'This response does not belong to the login in progress, so mcpauth ignored it.'));
      return;
    }
    const failed = url.searchParams.has('error');
    res
      .writeHead(200, headers)
      .end(failed ? page('Login not completed', 'The authorization server returned an error. See the terminal for details.') : page('mcpauth received the response', 'You can close this window and return to the terminal.'));
    finish({ url });
  }
  const timer = setTimeout(() => {
    const seconds = Math.round(options.timeoutMs / 1000);
    finish({ error: new CliError('auth', `no authorization response arrived within ${seconds} s.`, { hint: 'Run login again; with --no-browser, open the printed URL yourself.' }) });
  }, options.timeoutMs);
  timer.unref();
  const onAbort = (): void => finish({ error: new CliError('cancelled', 'login cancelled.') });
  try {
    port = await listen(server, options.port).catch((error: unknown) => {
      if (options.fallbackToAnyPort && error instanceof CliError && options.port !== 0) return listen(server, 0);
      throw error;
    });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  return { redirectUri: `http://${options.redirectHost ?? HOST}:${port}${path}`, port, waitForCallback: () => result, close };
}
