import { HttpError } from './http-error.js';

export interface StreamGuard {
  /** Aborted when no byte arrived for `idleMs` (or the caller's signals fire). */
  signal: AbortSignal;
  /** Restarts the idle timer (a byte arrived). */
  touch(): void;
  /** Stops the timer for good (the stream ended or was cancelled). */
  stop(): void;
  readonly idleFired: boolean;
}

/**
 * An idle timer instead of a total deadline: a streamed answer (an MCP SSE response carrying progress
 * before the result) may legitimately last longer than --timeout, but never stays silent that long.
 */
export function createStreamGuard(idleMs: number, signals: Array<AbortSignal | undefined | null>): StreamGuard {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fired = false;
  const sources = signals.filter((s): s is AbortSignal => Boolean(s));
  // Listeners removed on stop, not AbortSignal.any: Node 20 keeps every signal made by any() in its
  // long-lived sources (the Ctrl-C signal lives as long as the process) until a full GC, which a proxy
  // forwarding thousands of requests feels as memory growth.
  const follow = (): void => {
    stop();
    controller.abort(sources.find((s) => s.aborted)?.reason);
  };
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    for (const source of sources) source.removeEventListener('abort', follow);
  };
  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      fired = true;
      stop();
      controller.abort();
    }, idleMs);
  };
  if (sources.some((s) => s.aborted)) follow();
  else {
    for (const source of sources) source.addEventListener('abort', follow, { once: true });
    arm();
  }
  return {
    signal: controller.signal,
    touch: () => {
      if (!controller.signal.aborted) arm();
    },
    stop,
    get idleFired() {
      return fired;
    },
  };
}

/**
 * The body of a streamed response, passed through as it arrives: each chunk restarts the idle timer,
 * the total is capped at `maxBytes`, and a failure mid-stream becomes the same HttpError a buffered
 * read would give.
 */
export function guardBody(body: ReadableStream<Uint8Array>, guard: StreamGuard, maxBytes: number, url: string, fail: (error: unknown) => HttpError, onBytes: (total: number) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          guard.stop();
          controller.close();
          return;
        }
        guard.touch();
        total += value.byteLength;
        onBytes(total);
        if (total > maxBytes) {
          guard.stop();
          await reader.cancel().catch(() => undefined);
          controller.error(new HttpError('too-large', url, `the streamed response passed the ${maxBytes} byte limit`));
          return;
        }
        controller.enqueue(value);
      } catch (error) {
        guard.stop();
        controller.error(fail(error));
      }
    },
    async cancel(reason) {
      guard.stop();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}
