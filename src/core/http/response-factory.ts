import { toHeaderRecord, type HeaderSource } from './header-record.js';

export interface ResponseParts {
  status: number;
  statusText?: string;
  headers?: HeaderSource;
}

/**
 * How the HTTP layer builds the Response it returns (a body it read or guarded, with the original's
 * status and headers). The default is the Fetch standard's own; the long-running proxy passes
 * platform/lite-response.ts's, which does not load undici.
 */
export type ResponseFactory = (body: ReadableStream<Uint8Array> | Uint8Array | null, parts: ResponseParts, url: string) => Response;

/** A real `Response`, its `url` kept so libraries that look at it still can. */
export const standardResponse: ResponseFactory = (body, parts, url) => {
  const response = new Response(body, { status: parts.status, statusText: parts.statusText ?? '', headers: toHeaderRecord(parts.headers) });
  Object.defineProperty(response, 'url', { value: url });
  return response;
};
