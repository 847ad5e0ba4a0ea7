import { toHeaderRecord, type HeaderSource } from '../core/http/header-record.js';
import type { ResponseFactory, ResponseParts } from '../core/http/response-factory.js';

/**
 * The part of the Fetch `Response` that the HTTP layer (core/http/client.ts) and the MCP transport
 * read: status, ok, headers.get/has/forEach, body as a web stream, text(), json(), arrayBuffer().
 *
 * Why not the real one: the first `new Response()` or `new Headers()` loads Node's bundled undici,
 * about 12 MB of resident memory, more than the proxy's own code. The long-running proxy forwards MCP
 * traffic with these instead (platform/node-fetch.ts). Anything that needs a real Response, such as
 * oauth4webapi's token-endpoint processing (it checks `instanceof Response`), gets one from a client
 * that was not given this factory.
 */

class LiteHeaders {
  readonly #map: Map<string, string>;

  constructor(init?: HeaderSource) {
    this.#map = new Map(Object.entries(toHeaderRecord(init)));
  }

  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }

  /** Sorted by name, as the Fetch standard's Headers iterates. */
  forEach(callback: (value: string, name: string, headers: LiteHeaders) => void): void {
    for (const [name, value] of [...this.#map].sort(([a], [b]) => (a < b ? -1 : 1))) callback(value, name, this);
  }
}

class LiteResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LiteHeaders;
  readonly url: string;
  #bytes: Uint8Array | null;
  #stream: ReadableStream<Uint8Array> | null;

  constructor(body: ReadableStream<Uint8Array> | Uint8Array | null, init: ResponseParts, url: string) {
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.headers = new LiteHeaders(init.headers);
    this.url = url;
    this.#bytes = body instanceof Uint8Array ? body : null;
    this.#stream = body instanceof Uint8Array ? null : body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === null && this.#bytes !== null) {
      const bytes = this.#bytes;
      this.#bytes = null;
      this.#stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
    }
    return this.#stream;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#readAll();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.#readAll());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async #readAll(): Promise<Uint8Array> {
    if (this.#bytes !== null) {
      const bytes = this.#bytes;
      this.#bytes = null;
      return bytes;
    }
    if (this.#stream === null) return new Uint8Array(0);
    const chunks: Uint8Array[] = [];
    for await (const chunk of this.#stream) chunks.push(chunk);
    this.#stream = null;
    return Buffer.concat(chunks);
  }
}

/** A response with the `Response` members the HTTP layer and the MCP transport use (see above). */
export const createLiteResponse: ResponseFactory = (body, parts, url) => new LiteResponse(body, parts, url) as unknown as Response;
