import { HttpError } from './http-error.js';

/**
 * Reads a response body into memory, aborting the stream as soon as it passes `maxBytes`
 * (a declared Content-Length over the cap is refused before reading anything).
 */
export async function readBodyCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const tooLarge = (): HttpError =>
    new HttpError('too-large', url, `the response is larger than the ${formatBytes(maxBytes)} limit`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
