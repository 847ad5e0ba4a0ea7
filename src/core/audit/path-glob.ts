/**
 * `--exclude` patterns, gitignore-style: a pattern without a slash matches a file or folder
 * name at any depth (`*.log`, `fixtures`); one with a slash matches from the scan's working
 * directory (`test/fixtures/**`, `/docs`); `**` crosses folders, `*` and `?` do not; a matched
 * folder excludes everything in it.
 */
export type PathMatcher = (rel: string) => boolean;

export function compileExcludes(patterns: readonly string[]): PathMatcher {
  const compiled = patterns.map(compileGlob);
  return (rel) => compiled.some((match) => match(rel));
}

function compileGlob(pattern: string): PathMatcher {
  const trimmed = pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = trimmed.includes('/');
  const source = toRegExp(trimmed.replace(/^\//, ''));
  const whole = new RegExp(`^${source}$`);
  if (anchored) return (rel) => prefixes(rel).some((prefix) => whole.test(prefix));
  return (rel) => rel.split('/').some((part) => whole.test(part));
}

/** `a/b/c` -> `a`, `a/b`, `a/b/c`: a matched folder covers what is below it. */
function prefixes(rel: string): string[] {
  const parts = rel.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function toRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] ?? '';
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}
