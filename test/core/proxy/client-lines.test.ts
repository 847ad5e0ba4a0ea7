import { describe, expect, it } from 'vitest';
import { readClientLines, type ClientLine } from '../../../src/core/proxy/client-lines.js';

async function collect(chunks: Array<string | Uint8Array>, max: number): Promise<ClientLine[]> {
  const out: ClientLine[] = [];
  const source = (async function* () {
    yield* chunks;
  })();
  for await (const line of readClientLines(source, max)) out.push(line);
  return out;
}

describe('readClientLines', () => {
  it('splits lines across chunks, strips CR, decodes UTF-8 split inside a character', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\r\n{"b":2}\n{"c"');
    const lines = await collect([bytes.slice(0, 8), bytes.slice(8), ':3}'], 100);
    expect(lines).toEqual([{ kind: 'line', text: '{"a":"é"}' }, { kind: 'line', text: '{"b":2}' }, { kind: 'line', text: '{"c":3}' }]);
  });

  it('reports an over-long line (even one that streams in many chunks) and goes on with the next', async () => {
    const lines = await collect(['ok\n', 'x'.repeat(8), 'x'.repeat(8), 'x'.repeat(8), '\nnext\n', 'y'.repeat(30)], 10);
    expect(lines).toEqual([
      { kind: 'line', text: 'ok' },
      { kind: 'too-long', chars: 24 },
      { kind: 'line', text: 'next' },
      { kind: 'too-long', chars: 30 },
    ]);
  });

  it('accepts a line of exactly the cap', async () => {
    expect(await collect(['abcdefghij\n'], 10)).toEqual([{ kind: 'line', text: 'abcdefghij' }]);
  });
});
