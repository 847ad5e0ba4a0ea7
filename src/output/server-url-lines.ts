import { isTerminalSafe, MAX_LINE_LENGTH } from './terminal-text.js';

/**
 * Stored server URLs as shell completion candidates: one per line, each once. A URL that holds a
 * control, bidi or zero-width character, a blank, or is over the line limit, is left out rather than shown escaped: a
 * candidate is typed into the user's command line, and an escaped one would be a different URL.
 */
export function serverUrlLines(urls: readonly string[]): string {
  const usable = urls.filter((url) => url.length > 0 && url.length <= MAX_LINE_LENGTH && isTerminalSafe(url) && !/\s/.test(url));
  const unique = [...new Set(usable)];
  return unique.map((url) => `${url}\n`).join('');
}
