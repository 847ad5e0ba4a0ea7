import type { MovedSecret } from './secret-site.js';

/** NAME -> value of the simple `NAME=value` lines of a .env (quotes stripped; enough to merge into it). */
export function readDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1]) continue;
    values.set(match[1], unquote(match[2] ?? ''));
  }
  return values;
}

function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return raw.slice(1, -1).replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
  return raw;
}

/**
 * Appends the moved secrets that are not there yet. Single quotes keep `$`, `#` and spaces literal in
 * dotenv, Node's --env-file and POSIX shells (`set -a; . ./.env`); values holding a quote or newline
 * fall back to double quotes with escapes.
 */
export function mergeDotenv(existing: string, moved: readonly MovedSecret[]): string {
  const present = readDotenv(existing);
  const additions = moved.filter((entry) => present.get(entry.envName) !== entry.secret).map((entry) => `${entry.envName}=${quote(entry.secret)}`);
  if (additions.length === 0) return existing;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}${additions.join('\n')}\n`;
}

// A value holding a single quote falls back to double quotes: dotenv and --env-file read it right; a
// POSIX shell sourcing the file would expand a $ in it (API tokens practically never contain quotes).
function quote(value: string): string {
  if (!/['\n\r]/.test(value)) return `'${value}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
