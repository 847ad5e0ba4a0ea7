/**
 * The ONE output sanitiser: every string that came from a server, a token, a file or git passes
 * through here before it reaches a terminal or a GitHub annotation. JSON and SARIF stay exact.
 *
 *   terminalText(s)                     one line: controls shown visibly (`\x1b`, `\n`), bounded length
 *   terminalText(s, { multiline: true }) keeps LF and TAB (tool output, diffs), still shows the rest
 *   terminalSafe(report)                 a copy of plain data with every string passed through terminalText
 *
 * What is neutralised (never written raw): C0 controls and DEL (ESC starts CSI/OSC sequences: clear
 * screen, window title, OSC 8 links, OSC 52 clipboard writes), C1 controls U+0080-U+009F (U+009B is a
 * one-byte CSI on some terminals), CR (overwrites a line), bidi overrides/isolates and zero-width
 * characters (Trojan Source), U+2028/U+2029, and lone surrogates. Each becomes a visible escape, so a
 * hostile value is seen for what it is rather than silently hidden. The rest of an escape sequence
 * (`[2J`) is then plain printable text.
 */
export interface TerminalTextOptions {
  /** Keep line feeds and tabs (CRLF becomes LF). Default: one line. */
  multiline?: boolean;
  /** Characters kept before "… (N more characters)". Default 2000, or 65536 when multiline. */
  maxLength?: number;
}

export const MAX_LINE_LENGTH = 2000;
export const MAX_BLOCK_LENGTH = 65_536;

// C0, DEL, C1, bidi/zero-width format characters, line/paragraph separators, BOM, and surrogates
// (paired ones are put back below).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]/;
const UNSAFE_GLOBAL = new RegExp(UNSAFE.source, 'g');
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function escapeUnsafe(text: string, multiline: boolean): string {
  return text.replace(UNSAFE_GLOBAL, (char, offset: number, whole: string) => {
    if (multiline && (char === '\n' || char === '\t')) return char;
    const code = char.charCodeAt(0);
    // A well-formed surrogate pair (emoji, CJK extension) is ordinary text.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = whole.charCodeAt(offset + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return char;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      const previous = whole.charCodeAt(offset - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) return char;
    }
    return visible(char);
  });
}

/** One string made safe for a terminal (see the module comment). */
export function terminalText(text: string, options: TerminalTextOptions = {}): string {
  const multiline = options.multiline === true;
  const maxLength = options.maxLength ?? (multiline ? MAX_BLOCK_LENGTH : MAX_LINE_LENGTH);
  const input = multiline ? text.replace(/\r\n/g, '\n') : text;
  // Only what can be shown is escaped, so a hostile 100 MB value costs no more than a long one.
  const prefix = input.length > maxLength ? input.slice(0, maxLength + 1) : input;
  const escaped = UNSAFE.test(prefix) ? escapeUnsafe(prefix, multiline) : prefix;
  if (escaped.length <= maxLength && prefix.length === input.length) return escaped;
  let cut = maxLength;
  // Never split a surrogate pair or a visible escape.
  const code = escaped.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const partial = /\\(?:x[0-9a-f]{0,1}|u[0-9a-f]{0,3})?$/.exec(escaped.slice(Math.max(0, cut - 6), cut));
  if (partial) cut -= partial[0].length;
  return `${escaped.slice(0, cut)}… (cut: ${input.length} characters in all)`;
}

/** True when `text` would reach a terminal unchanged (no control, format or surrogate character). */
export function isTerminalSafe(text: string): boolean {
  return !UNSAFE.test(text) || escapeUnsafe(text, false) === text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of plain data (objects, arrays) with every string, keys included, made terminal-safe.
 * Anything else (Date, URL, class instances) is kept as it is. Used at the top of a human renderer.
 */
export function terminalSafe<T>(value: T, options: TerminalTextOptions = {}): T {
  return copySafe(value, options, 0) as T;
}

function copySafe(value: unknown, options: TerminalTextOptions, depth: number): unknown {
  if (typeof value === 'string') return terminalText(value, options);
  // Reports are shallow; a deeper structure (JWT claims) is shown through JSON.stringify instead.
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((item) => copySafe(item, options, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // defineProperty: a "__proto__" key from parsed JSON stays data, never a prototype.
    Object.defineProperty(copy, terminalText(key, options), { value: copySafe(item, options, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
