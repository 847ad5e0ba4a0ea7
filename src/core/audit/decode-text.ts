export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * Bytes to text the way editors save config files: UTF-8 (BOM stripped), and UTF-16 with a BOM,
 * which is what Windows PowerShell 5 writes by default (`>` and Out-File), or without one when
 * every other byte of the start is zero. NUL bytes in UTF-8 stay in the text: they never make a
 * candidate file "binary" (a NUL must not hide the token after it).
 */
export function decodeText(buffer: Buffer): { text: string; encoding: TextEncoding } {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString('utf16le'), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: swapBytes(buffer.subarray(2)).toString('utf16le'), encoding: 'utf-16be' };
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  const guess = guessUtf16(buffer);
  if (guess === 'le') return { text: buffer.toString('utf16le'), encoding: 'utf-16le' };
  if (guess === 'be') return { text: swapBytes(buffer).toString('utf16le'), encoding: 'utf-16be' };
  return { text: buffer.toString('utf8'), encoding: 'utf-8' };
}

function swapBytes(buffer: Buffer): Buffer {
  const even = buffer.subarray(0, buffer.length - (buffer.length % 2));
  return Buffer.from(even).swap16();
}

/** ASCII text in UTF-16 without a BOM: `{\0"\0…` (LE) or `\0{\0"…` (BE) over the first bytes. */
function guessUtf16(buffer: Buffer): 'le' | 'be' | undefined {
  const sample = Math.min(buffer.length - (buffer.length % 2), 64);
  if (sample < 4) return undefined;
  let le = true;
  let be = true;
  for (let i = 0; i < sample; i += 2) {
    const first = buffer[i] ?? 0;
    const second = buffer[i + 1] ?? 0;
    le &&= first !== 0 && second === 0;
    be &&= first === 0 && second !== 0;
  }
  return le ? 'le' : be ? 'be' : undefined;
}
