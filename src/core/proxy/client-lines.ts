/** One line from the local client, or the size of one that passed the cap (its text is dropped). */
export type ClientLine = { kind: 'line'; text: string } | { kind: 'too-long'; chars: number };

/**
 * Newline-delimited messages from the local client (MCP stdio transport), each at most `maxChars`.
 * readline has no cap: one endless line would grow until the string limit throws and ends the proxy.
 * Here an over-long line is skipped as it streams (kept memory stays under the cap) and reported, so
 * the proxy answers it with an error and goes on with the next line.
 */
export async function* readClientLines(chunks: AsyncIterable<Uint8Array | string>, maxChars: number): AsyncGenerator<ClientLine> {
  const decoder = new TextDecoder();
  let pending = '';
  let skipped = 0;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (skipped > 0 || pending.length + piece.length > maxChars) {
        yield { kind: 'too-long', chars: skipped + pending.length + piece.length };
      } else {
        yield { kind: 'line', text: (pending + piece).replace(/\r$/, '') };
      }
      pending = '';
      skipped = 0;
    }
    const rest = text.slice(start);
    if (skipped > 0 || pending.length + rest.length > maxChars) {
      skipped += pending.length + rest.length;
      pending = '';
    } else {
      pending += rest;
    }
  }
  pending += decoder.decode();
  if (skipped > 0) yield { kind: 'too-long', chars: skipped + pending.length };
  else if (pending !== '') yield { kind: 'line', text: pending.replace(/\r$/, '') };
}
