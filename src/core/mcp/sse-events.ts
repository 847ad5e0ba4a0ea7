import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export interface SseReadOptions {
  /** The `retry:` field (milliseconds before reconnecting), whenever the server sends one. */
  onRetry?: (ms: number) => void;
  /** Largest event (or unterminated line) kept in memory, in characters. */
  maxEventChars?: number;
}

/** An event or line this long is refused rather than buffered (a hostile stream). */
const DEFAULT_MAX_EVENT_CHARS = 4 * 1024 * 1024;

/**
 * The events of a text/event-stream body, as they arrive (WHATWG HTML §9.2 parsing by the
 * eventsource-parser library: comments, `retry:`, CR/LF variants, multi-line data). Priming events
 * (an `id` with empty data, SEP-1699) are yielded too: the caller records their id for Last-Event-ID.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>, options: SseReadOptions = {}): AsyncGenerator<SseEvent> {
  const queue: SseEvent[] = [];
  let failure: Error | undefined;
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => queue.push({ id: message.id, event: message.event, data: message.data }),
    onRetry: (ms) => options.onRetry?.(ms),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') failure = new Error('an event-stream event is larger than the limit');
    },
    maxBufferSize: options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS,
  });
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        parser.reset({ consume: true });
      } else {
        parser.feed(value);
      }
      if (failure) throw failure;
      while (queue.length > 0) yield queue.shift() as SseEvent;
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
