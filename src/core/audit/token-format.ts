import type { Severity } from '../findings/severity.js';

/**
 * A vendor token shape. `pattern` is global; capture group 1, when present, is the secret.
 * `keywords` are lower-case substrings that must occur before the regex runs (gitleaks'
 * keyword prefilter), which keeps the scan cheap.
 */
export interface TokenFormat {
  id: string;
  title: string;
  pattern: RegExp;
  keywords: readonly string[];
  severity?: Severity;
  /** Below this Shannon entropy a match is filler, not a key. */
  minEntropy?: number;
  /** Offline validation; a failed check lowers the finding to a warning. */
  validate?: (secret: string) => boolean;
  /** Why this is not a full secret (publishable, test mode); shown in the message. */
  note?: string;
  /** Meant to be public (shipped in browsers and apps): a hygiene note, not a secret. */
  publicByDesign?: boolean;
}

/** Left/right boundaries: not inside a longer identifier. */
export const L = '(?<![A-Za-z0-9_])';
export const R = '(?![A-Za-z0-9_])';

export function token(source: string, flags = 'g'): RegExp {
  return new RegExp(source, flags);
}
