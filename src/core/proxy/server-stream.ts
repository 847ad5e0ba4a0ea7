import { JsonTooDeepError, MAX_JSON_DEPTH, parseJsonBounded } from '../json/json-depth.js';
import { readSseEvents } from '../mcp/sse-events.js';
import type { McpFetch } from '../mcp/streamable-http.js';

/** The transport's fetch, plus a signal so that closing the proxy ends the long-lived GET. */
export type StreamFetch = (url: string, init: Parameters<McpFetch>[1] & { signal?: AbortSignal }) => Promise<Response>;

export interface ServerStreamOptions {
  url: string;
  fetch: StreamFetch;
  headers: () => Promise<Record<string, string>>;
  sleep: (ms: number) => Promise<void>;
  log: (text: string, verbose?: boolean) => void;
  onMessage: (message: unknown) => Promise<void>;
}

/** Reconnects in a row that brought no message before giving up on the stream (bounded, never a spin). */
const MAX_QUIET_RECONNECTS = 5;
const DEFAULT_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/**
 * The server's own event stream (Streamable HTTP §Listening for Messages from the Server): a GET with
 * Accept: text/event-stream after initialization. 405 means the server offers none. A stream that
 * ends is resumed with Last-Event-ID after the server's `retry`, as long as it keeps bringing messages.
 */
export function openServerStream(options: ServerStreamOptions): { stop(): void } {
  const controller = new AbortController();
  void run(options, controller.signal).catch((error: unknown) => {
    if (!controller.signal.aborted) options.log(`the server's event stream stopped: ${(error as Error).message}`);
  });
  return { stop: () => controller.abort() };
}

async function run(options: ServerStreamOptions, signal: AbortSignal): Promise<void> {
  let lastEventId: string | undefined;
  let retryMs: number | undefined;
  for (let quiet = 0; quiet < MAX_QUIET_RECONNECTS && !signal.aborted; ) {
    const headers = { ...(await options.headers()), accept: 'text/event-stream', ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) };
    let messages = 0;
    try {
      const response = await options.fetch(options.url, { method: 'GET', headers, label: 'proxy server event stream', stream: true, signal });
      if (response.status === 405 || response.status === 404) {
        await response.body?.cancel().catch(() => undefined);
        options.log(`the server offers no event stream of its own (GET answered ${response.status})`, true);
        return;
      }
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (!response.ok || type !== 'text/event-stream' || response.body === null) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`GET answered HTTP ${response.status} ${type ?? ''}`.trim());
      }
      for await (const event of readSseEvents(response.body, { onRetry: (ms) => (retryMs = ms) })) {
        if (signal.aborted) return;
        if (event.id !== undefined) lastEventId = event.id;
        if (event.data.trim() === '') continue;
        messages += 1;
        await deliver(event.data, options);
      }
    } catch (error) {
      if (signal.aborted) return;
      options.log(`the server's event stream broke: ${(error as Error).message}`, true);
    }
    quiet = messages > 0 ? 0 : quiet + 1;
    await options.sleep(Math.min(retryMs ?? DEFAULT_RETRY_MS * 2 ** quiet, MAX_RETRY_MS));
  }
}

async function deliver(data: string, options: ServerStreamOptions): Promise<void> {
  let value: unknown;
  try {
    value = parseJsonBounded(data, 'the event');
  } catch (error) {
    options.log(error instanceof JsonTooDeepError ? `the server sent an event nesting JSON deeper than ${MAX_JSON_DEPTH} levels; it was skipped` : 'the server sent an event that is not JSON; it was skipped');
    return;
  }
  for (const message of Array.isArray(value) ? value : [value]) await options.onMessage(message);
}
