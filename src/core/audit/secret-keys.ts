import { isDocumentedExample, isPlaceholder, looksLikeNonSecret, shannonEntropy } from './false-positives.js';
import type { Hit } from './value-site.js';

// Key names that announce a credential (gitleaks' generic-api-key keywords plus MCP's usual
// `*_PAT`, `*_TOKEN`) minus the benign look-alikes its allowlist carries (public_key, *_url…).
// `*_KEY`, `key`, `x-key` and `header-credential` (a header judged by its value alone) count as well.
const SECRET_KEY = /api[-_]?key|apikey|secret|token|passw(?:or)?d|pwd|passphrase|credential|creds|auth|private[-_]?key|access[-_]?key|(?:^|[-_.])pat(?:$|[-_])|session|cookie|signing[-_]?key|(?:^|[-_.]|[a-z])key$/i;
const NOT_SECRET_KEY = /public|publishable|(?:primary|sort|partition|foreign|hash|cache|idempotency|dedup(?:lication)?|ssh[-_]?host|monkey|turkey|hotkey|shortcut)[-_]?key|keyboard|(?:^|[-_])ids?$|url$|uri$|endpoint|path|file|dir$|host|region|name$|user(?:name)?$|type$|version|expir|tokenizer|max[-_]?tokens|timeout|ttl|count|limit|length|mode$|enabled|scope|audience|issuer|method|header$|prefix|env[-_]?var/i;
const PASSWORD_KEY = /passw(?:or)?d|pwd|passphrase|(?:^|[-_])pass$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);
}

/**
 * A literal under a secret-looking key: passwords count at any length; anything else must look
 * random (gitleaks' generic rule: entropy above 3, and more than letters and dashes).
 */
export function judgeKeyedLiteral(key: string, value: string, start: number): Hit[] {
  const secret = value.trim();
  if (!isSecretKey(key) || secret.length === 0) return [];
  const at = start + value.indexOf(secret);
  if (isPlaceholder(secret)) return [{ ruleId: 'placeholder-value', start: at, length: secret.length, priority: 3 }];
  if (looksLikeNonSecret(secret) || isDocumentedExample(secret)) return [];
  if (PASSWORD_KEY.test(key)) {
    return secret.length >= 4 ? [{ ruleId: 'password-literal', start: at, length: secret.length, secret, priority: 1 }] : [];
  }
  const entropy = shannonEntropy(secret);
  if (secret.length < 12 || entropy < 3 || /^[A-Za-z_.-]+$/.test(secret)) return [];
  const severity = entropy >= 3.5 && secret.length >= 16 ? 'error' : 'warning';
  return [{ ruleId: 'generic-secret', start: at, length: secret.length, secret, priority: 2, severity }];
}
