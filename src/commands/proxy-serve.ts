import type { StreamFetch } from '../core/proxy/server-stream.js';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../core/json/json-depth.js';
import { CliError } from '../errors.js';
import { createProxyAuthDeps } from './proxy-deps.js';
import type { ProxyOptions } from './proxy.js';
import { createCommandHttpClient, type Runtime } from './runtime.js';
import { setTimeout as delay } from 'node:timers/promises';

/** Large tool results and long-lived event streams: the per-request body cap of the HTTP client is raised. */
const MAX_STREAM_BYTES = 256 * 1024 * 1024;
/** JSON-RPC 2.0 §5.1 codes used for failures the proxy itself reports. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const INTERNAL_ERROR = -32603;
/** One message from the local client at most (characters); MCP messages with images run to a few MB. */
const MAX_CLIENT_LINE_CHARS = 64 * 1024 * 1024;

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
  const { readClientLines } = await import('../core/proxy/client-lines.js');
  for await (const line of readClientLines(stdin as AsyncIterable<Uint8Array | string>, MAX_CLIENT_LINE_CHARS)) {
    const message = line.kind === 'line' ? readClientMessage(line.text, send, log) : tooLong(line.chars, send, log);
    if (message === undefined) continue;
    const handled = session.handle(message).catch((error: unknown) => log(`internal: ${(error as Error).message}`));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  }
  await Promise.race([Promise.all(inFlight), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  await session.close();
  return 0;
}

type Send = (message: object) => void;
type Log = (text: string) => void;

/**
 * One line from the local client, parsed with the depth bound every JSON reader of mcpauth has
 * (core/json/json-depth.ts): deeper nesting overflows the stack of whatever recurses over it later.
 * A line that is not JSON-RPC we can forward is answered with an error (id null: it has none we can
 * trust) and the proxy goes on.
 */
function readClientMessage(text: string, send: Send, log: Log): unknown {
  if (text.trim() === '') return undefined;
  if (jsonTextTooDeep(text)) {
    log(`the client sent a message nesting JSON deeper than ${MAX_JSON_DEPTH} levels; answered with an error`);
    send({ jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message: `Invalid Request: the message nests JSON deeper than ${MAX_JSON_DEPTH} levels` } });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    log('the client sent a line that is not JSON; answered with a parse error');
    send({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'Parse error: the line is not JSON' } });
    return undefined;
  }
}

function tooLong(chars: number, send: Send, log: Log): undefined {
  log(`the client sent a message of ${chars} characters, over the ${MAX_CLIENT_LINE_CHARS} limit; answered with an error`);
  send({ jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message: `Invalid Request: the message is longer than ${MAX_CLIENT_LINE_CHARS} characters` } });
  return undefined;
}

/** The JSON-RPC error the local client sees: one sentence, with the command to run when a login is needed. */
function describe(error: unknown, url: string): { code: number; message: string } {
  if (error instanceof CliError && (error.code === 'auth' || error.code === 'protocol' || error.code === 'cancelled')) {
    return { code: INTERNAL_ERROR, message: `mcpauth proxy: authorization failed: ${error.message} Run: mcpauth login ${url}` };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: INTERNAL_ERROR, message: `mcpauth proxy: ${text}` };
}
