import { createInterface } from 'node:readline';
import type { StreamFetch } from '../core/proxy/server-stream.js';
import { CliError } from '../errors.js';
import { createProxyAuthDeps } from './proxy-deps.js';
import type { ProxyOptions } from './proxy.js';
import { createCommandHttpClient, type Runtime } from './runtime.js';
import { setTimeout as delay } from 'node:timers/promises';

/** Large tool results and long-lived event streams: the per-request body cap of the HTTP client is raised. */
const MAX_STREAM_BYTES = 256 * 1024 * 1024;
/** JSON-RPC 2.0 §5.1 codes used for failures the proxy itself reports. */
const PARSE_ERROR = -32700;
const INTERNAL_ERROR = -32603;

/** Runs the proxy until the local client closes stdin. stdout gets protocol messages only. */
export async function serveProxy(options: ProxyOptions, headers: Record<string, string>, runtime: Runtime): Promise<number> {
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const { createProxyAuth } = await import('../core/proxy/proxy-auth.js');
  const { createProxySession } = await import('../core/proxy/proxy-session.js');
  const stdin = runtime.deps.io.stdinStream;
  if (stdin === undefined) throw new CliError('internal', 'no standard input to read MCP messages from.');
  const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
  // No spinner (a proxy's requests never end) and no kept trace (it runs for hours).
  const { deps, errStyle } = runtime;
  const globals = { ...runtime.globals, timeoutMs: options.idleTimeout * 1000 };
  // MCP traffic with responses that do not load undici (platform/lite-response.ts); refresh and login
  // (oauth4webapi wants a real Response, which loads undici then) through a client of their own.
  const { createLiteResponse } = await import('../platform/lite-response.js');
  const http = createCommandHttpClient({ deps, errStyle, globals }, { keepExchanges: false, makeResponse: createLiteResponse });
  const authHttp = createCommandHttpClient({ deps, errStyle, globals }, { keepExchanges: false });
  const fetch: StreamFetch = (url, init) => http.fetch(url, { ...init, maxBodyBytes: MAX_STREAM_BYTES });
  const send = (message: object): void => runtime.deps.io.stdout.write(`${JSON.stringify(message)}\n`);
  const log = (text: string, verbose = false): void => {
    if (!verbose || runtime.globals.verbose) runtime.note(`mcpauth proxy: ${text}`);
  };
  const auth = createProxyAuth(createProxyAuthDeps(options, { ...runtime, http: authHttp }, store));
  const session = createProxySession(
    { url: options.url, headers, protocolVersion: options.protocolVersion },
    { fetch, auth, sleep: (ms) => delay(ms, undefined, { signal: runtime.deps.signal }), send, log, describeFailure: (error) => describe(error, options.url) },
  );
  log(`forwarding to ${options.url}`, true);
  const inFlight = new Set<Promise<void>>();
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let message: unknown;
    try {
      message = JSON.parse(line) as unknown;
    } catch {
      log('the client sent a line that is not JSON; answered with a parse error');
      send({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'Parse error: the line is not JSON' } });
      continue;
    }
    const handled = session.handle(message).catch((error: unknown) => log(`internal: ${(error as Error).message}`));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  }
  await Promise.race([Promise.all(inFlight), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  await session.close();
  return 0;
}

/** The JSON-RPC error the local client sees: one sentence, with the command to run when a login is needed. */
function describe(error: unknown, url: string): { code: number; message: string } {
  if (error instanceof CliError && (error.code === 'auth' || error.code === 'protocol' || error.code === 'cancelled')) {
    return { code: INTERNAL_ERROR, message: `mcpauth proxy: authorization failed: ${error.message} Run: mcpauth login ${url}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: INTERNAL_ERROR, message: `mcpauth proxy: ${text}` };
}
