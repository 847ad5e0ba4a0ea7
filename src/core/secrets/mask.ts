import { createHash } from 'node:crypto';

/**
 * The one masking function for secrets: a short prefix (enough to recognise the kind, never enough
 * to use), the length, and a short hash so two masked values can be compared.
 * Every renderer, error and trace line goes through here.
 */
export function maskSecret(secret: string): string {
  if (secret.length === 0) return '(empty)';
  const prefixLength = Math.min(4, Math.floor(secret.length / 4));
  const prefix = secret.slice(0, prefixLength);
  return `${prefix}…[${secret.length} chars, #${shortHash(secret)}]`;
}

/** A short, stable fingerprint of a secret (8 hex digits of SHA-256): safe to print and compare. */
export function shortHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'dpop',
  'x-api-key',
  'api-key',
]);

/** Masks the credential part of a header value; the scheme of Authorization stays readable. */
export function maskHeaderValue(name: string, value: string): string {
  if (!SECRET_HEADERS.has(name.toLowerCase())) return value;
  const match = /^(\w+)\s+(.+)$/.exec(value);
  if (match && name.toLowerCase().endsWith('authorization')) {
    return `${match[1]} ${maskSecret(match[2] ?? '')}`;
  }
  return maskSecret(value);
}

// Query parameters that carry credentials in OAuth and in pasted MCP URLs.
const SECRET_PARAMS = /^(code|code_verifier|access_token|refresh_token|id_token|client_secret|token|api[_-]?key|key|secret|password|sig|signature)$/i;

/** Returns the URL with credential query parameters and userinfo masked. Unparseable input is masked whole. */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  }
  if (url.password) url.password = 'masked';
  for (const [key, value] of [...url.searchParams]) {
    if (SECRET_PARAMS.test(key)) url.searchParams.set(key, maskSecret(value));
  }
  return url.href;
}
