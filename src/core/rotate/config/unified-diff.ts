/**
 * A unified diff of two texts (what `rotate --config` shows before --write). Line-based LCS: config
 * files are small (the audit caps them), so the quadratic table is fine.
 */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]?.kind === ' ') {
      i += 1;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length && (ops[end]?.kind !== ' ' || ops.slice(end, end + 2 * context + 1).some((op) => op.kind !== ' '))) end += 1;
    end = Math.min(ops.length, end + context);
    hunks.push(hunk(ops.slice(start, end)));
    i = end;
  }
  const side = (prefix: string) => (path.startsWith('/') ? `${prefix}${path}` : `${prefix}/${path}`);
  return [`--- ${side('a')}`, `+++ ${side('b')}`, ...hunks].join('\n') + '\n';
}

function lines(text: string): string[] {
  const all = text.split('\n');
  return all[all.length - 1] === '' ? all.slice(0, -1) : all;
}

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  aLine: number;
  bLine: number;
}

function diffLines(a: string[], b: string[]): Op[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * cols + j] = a[i] === b[j] ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', text: a[i++] ?? '', aLine: i, bLine: ++j });
    else if (j < b.length && (i === a.length || (lcs[i * cols + j + 1] ?? 0) > (lcs[(i + 1) * cols + j] ?? 0))) ops.push({ kind: '+', text: b[j++] ?? '', aLine: i, bLine: j });
    else ops.push({ kind: '-', text: a[i++] ?? '', aLine: i, bLine: j });
  }
  return ops;
}

function hunk(ops: Op[]): string {
  const first = ops[0];
  const aCount = ops.filter((op) => op.kind !== '+').length;
  const bCount = ops.filter((op) => op.kind !== '-').length;
  const aStart = first ? (first.kind === '+' ? first.aLine + 1 : first.aLine) : 0;
  const bStart = first ? (first.kind === '-' ? first.bLine + 1 : first.bLine) : 0;
  return [`@@ -${aCount === 0 ? aStart - 1 : aStart},${aCount} +${bCount === 0 ? bStart - 1 : bStart},${bCount} @@`, ...ops.map((op) => `${op.kind}${op.text}`)].join('\n');
}
