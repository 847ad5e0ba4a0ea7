/**
 * The .gitignore line for a path relative to the repository root, anchored with a leading '/'.
 * gitignore patterns give `\ * ? [` and a trailing space meaning, so they are escaped: a directory
 * named `a*` or `x[1]` ignores exactly itself. A name with a line break cannot be one line: undefined
 * (the caller refuses rather than writing a second, attacker-chosen line).
 */
export function gitignoreEntryFor(relativePath: string): string | undefined {
  const posix = relativePath.split('\\').join('/');
  if (/[\r\n\u0000]/.test(posix)) return undefined;
  const escaped = posix.replace(/[\\*?[]/g, (char) => `\\${char}`).replace(/ $/, '\\ ');
  return `/${escaped}`;
}

/** The .gitignore text with the entry added once (a concurrent run may have added it already). */
export function addGitignoreEntry(existing: string, entry: string): string {
  if (existing.split(/\r?\n/).some((line) => line.trim() === entry)) return existing;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}# secrets moved out of MCP configs by mcpauth rotate\n${entry}\n`;
}
