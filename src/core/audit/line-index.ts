/** Offset -> 1-based line/column over one text, by binary search on line starts. */
export interface LineIndex {
  position(offset: number): { line: number; column: number };
  lineText(line: number): string;
}

export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return {
    position(offset) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      const line = lineOf(clamped);
      return { line: line + 1, column: clamped - (starts[line] ?? 0) + 1 };
    },
    lineText(line) {
      const start = starts[line - 1];
      if (start === undefined) return '';
      const end = starts[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, '');
    },
  };
}
