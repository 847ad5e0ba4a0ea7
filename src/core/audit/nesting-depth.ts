/** Deeper than any real config; the recursive parsers and tree walks stay far from the stack limit. */
export const MAX_NESTING = 200;

/**
 * The deepest bracket nesting outside quoted strings, and for YAML the deepest block indentation,
 * measured before parsing so a 2,000-level document becomes a finding instead of a stack overflow.
 * Linear, no allocation.
 */
export function exceedsNesting(text: string, yaml: boolean, limit = MAX_NESTING): boolean {
  let depth = 0;
  let quote = 0;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      indent = 0;
      // A quote never hides brackets past its line: an unterminated string must not hide depth from this count.
      quote = 0;
      continue;
    }
    if (atLineStart && (c === 32 || c === 45)) {
      // YAML block nesting shows as indentation ("  - " per level); one level costs at least one column.
      indent += 1;
      if (yaml && indent > limit * 2) return true;
      continue;
    }
    atLineStart = false;
    if (quote !== 0) {
      if (c === 92 && quote === 34) i += 1;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || (c === 39 && yaml)) quote = c;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > limit) return true;
    } else if ((c === 125 || c === 93) && depth > 0) depth -= 1;
  }
  return false;
}
