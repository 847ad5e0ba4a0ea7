import { decodeJwt } from 'jose';
import { isDocumentedExample, shannonEntropy } from './false-positives.js';
import { CLOUD_TOKEN_FORMATS } from './token-formats-cloud.js';
import { DEV_TOKEN_FORMATS } from './token-formats-dev.js';
import type { TokenFormat } from './token-format.js';
import type { Hit } from './value-site.js';

export const TOKEN_FORMATS: readonly TokenFormat[] = [...DEV_TOKEN_FORMATS, ...CLOUD_TOKEN_FORMATS];

/** Vendor token formats anywhere in a (reference-blanked) string. */
export function detectTokenFormats(text: string, formats: readonly TokenFormat[] = TOKEN_FORMATS): Hit[] {
  const lower = text.toLowerCase();
  const hits: Hit[] = [];
  for (const format of formats) {
    if (!format.keywords.some((keyword) => lower.includes(keyword))) continue;
    for (const match of text.matchAll(format.pattern)) {
      const secret = match[1] ?? match[0];
      const start = (match.index ?? 0) + match[0].indexOf(secret);
      const hit = judge(format, secret, start);
      if (hit) hits.push(hit);
    }
  }
  return hits;
}

function judge(format: TokenFormat, secret: string, start: number): Hit | undefined {
  if (isDocumentedExample(secret)) return undefined;
  if (format.minEntropy !== undefined && shannonEntropy(secret) < format.minEntropy) return undefined;
  const base = { ruleId: format.id, start, length: secret.length, secret, priority: 0 };
  if (format.validate && !format.validate(secret)) {
    return { ...base, severity: 'warning', detail: `${format.title} shape whose checksum does not match (a sample or a mangled token?)` };
  }
  return format.note ? { ...base, detail: `${format.title} (${format.note})` } : base;
}

const JWT = /(?<![\w-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*)/g;

/**
 * JWTs, decoded (never verified: we only need the claims). Supabase ships two: `anon` is
 * public by design, `service_role` bypasses row-level security and is a secret.
 */
export function detectJwts(text: string, now: Date): Hit[] {
  if (!text.includes('eyJ')) return [];
  const hits: Hit[] = [];
  for (const match of text.matchAll(JWT)) {
    const secret = match[1] ?? '';
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(secret);
    } catch {
      continue;
    }
    hits.push(classifyJwt(claims, secret, match.index ?? 0, now));
  }
  return hits;
}

function classifyJwt(claims: Record<string, unknown>, secret: string, start: number, now: Date): Hit {
  const base = { start, length: secret.length, secret, priority: 0 };
  const isSupabase = claims.iss === 'supabase' || typeof claims.ref === 'string';
  if (isSupabase && claims.role === 'service_role') return { ...base, ruleId: 'supabase-service-role-key' };
  if (claims.role === 'anon') return { ...base, ruleId: 'supabase-anon-key' };
  const expired = typeof claims.exp === 'number' && claims.exp * 1000 < now.getTime();
  return expired ? { ...base, ruleId: 'jwt', severity: 'warning', detail: 'Expired JWT (still a leaked credential format; it may be refreshable)' } : { ...base, ruleId: 'jwt' };
}

const PEM = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{40,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;

export function detectPrivateKeys(text: string): Hit[] {
  if (!text.includes('PRIVATE KEY')) return [];
  const hits: Hit[] = [];
  for (const match of text.matchAll(PEM)) {
    const body = match[0].replace(/-----[^-]+-----/g, '').replace(/\\n|\s/g, '');
    if (body.length < 40 || /\.\.\.|…|x{6,}/i.test(body)) continue;
    hits.push({ ruleId: 'private-key', start: match.index ?? 0, length: match[0].length, secret: match[0], priority: 0 });
  }
  return hits;
}
