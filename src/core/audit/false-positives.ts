/**
 * False-positive controls shared by every detector: placeholders copied from READMEs
 * (`<YOUR_TOKEN>`, `your-api-key-here`, `ntn_****`), documented example values (AWS's
 * `AKIA…EXAMPLE`), and values that are plainly not secrets (paths, URLs, booleans).
 * Word lists follow gitleaks' stopwords and trufflehog's false-positive words (reference §3.5).
 */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/,
  /^\[[^[\]]*\]$/,
  /^\{\{?[^{}]*\}?\}$/,
  /\b(?:your|my|insert|enter|put|replace|paste|add)[-_ ]?(?:[a-z0-9]+[-_ ]?){0,4}(?:key|token|secret|password|pat|here|id|credential)s?\b/i,
  /(?:^|[-_ ])(?:here|changeme|change[-_]me|placeholder|redacted|dummy|fake|todo|tbd|none|null|undefined)(?:$|[-_ ])/i,
  /x{5,}|X{5,}|\*{3,}|\.{3}|…|#{4,}/,
  /^(?:api[-_ ]?key|apikey|token|secret|password|passwd|pass|pat|key|access[-_]?token|auth[-_]?token|bearer|value|string|test|testing|example|sample)$/i,
  /^(?:sk|pk|rk|ghp|gho|ntn|xoxb|xoxp|glpat|npm|hf|sk-ant|sk-proj|sk_test|sk_live)[-_]?(?:\.\.\.|…|\*+|x+|your.*)$/i,
  /^(.)\1{5,}$/,
];

export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(trimmed));
}

// Values vendors publish in their docs on purpose; reporting them trains users to ignore us.
const DOCUMENTED_EXAMPLES = new Set([
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'gho_16C7e42F292c6912E7710c838347Ae178B4a',
]);

/** Sample values: documented ones, `…EXAMPLE` endings, and obvious fillers inside a token shape. */
export function isDocumentedExample(secret: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(secret)) return true;
  if (/EXAMPLE(?:KEY)?$/.test(secret)) return true;
  return /example|sample|dummy|fake|(?:x{6,}|0{8,}|1234567890|abcdefghij)/i.test(secret);
}

/** Values under a secret-looking key that are not credentials: paths, URLs, switches, numbers. */
export function looksLikeNonSecret(value: string): boolean {
  const trimmed = value.trim();
  if (/^(?:true|false|yes|no|on|off|null|none|nil|undefined|\d+(?:\.\d+)?)$/i.test(trimmed)) return true;
  if (/^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/.test(trimmed)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !/:\/\/[^/@\s]+:[^/@\s]+@/.test(trimmed)) return true;
  if (/^[\w.+-]+@[\w-]+\.[\w.-]+$/.test(trimmed)) return true;
  if (/\s/.test(trimmed) && trimmed.split(/\s+/).length > 2) return true;
  return false;
}

/** Shannon entropy in bits per character (gitleaks' formula, reference §3.5). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
