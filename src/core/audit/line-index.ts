/** Offset -> 1-based line/column over one text, by binary search on line starts. */
export interface LineIndex {
  position(offset: number): { line: number; column: number };
  lineText(line: number): string;
}

/** Built on first use: most files a scan reads never need a position. */
export function createLineIndex(text: string): LineIndex {
  let built: number[] | undefined;
  const lineStarts = (): number[] => {
    if (built) return built;
    built = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) built.push(i + 1);
    return built;
  };
  const lineOf = (offset: number): number => {
    const starts = lineStarts();
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
      const starts = lineStarts();
      return { line: line + 1, column: clamped - (starts[line] ?? 0) + 1 };
    },
    lineText(line) {
      const starts = lineStarts();
      const start = starts[line - 1];
      if (start === undefined) return '';
      const end = starts[line] ?? text.length + 1;
      return text.slice(start, end - 1).replace(/\r$/, '');
    },
  };
}
