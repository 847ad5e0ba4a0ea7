import { isDocumentedExample, isPlaceholder, shannonEntropy } from './false-positives.js';
import type { Hit } from './value-site.js';

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/([^:@/\s]*):([^@/\s]+)@/i;
const CREDENTIAL_PARAM = /^(?:api[-_]?key|apikey|key|token|access[-_]?token|auth|auth[-_]?token|secret|client[-_]?secret|password|[a-z]*api[-_]?key|[a-z]*token)$/i;
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)$/i;

/**
 * URLs inside a value: passwords in userinfo (`postgres://user:pass@…`, DSNs in args), credentials
 * in the query string (`?tavilyApiKey=…`), and, for a remote server URL, plain http off loopback.
 */
export function detectUrls(text: string, isServerUrl: boolean): Hit[] {
  if (!text.includes('://')) return [];
  const hits: Hit[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const raw = match[0];
    const base = match.index ?? 0;
    hits.push(...userinfoHits(raw, base), ...queryHits(raw, base));
    if (isServerUrl) hits.push(...plainHttpHits(raw, base), ...pathHits(raw, base));
  }
  return hits;
}

// Passwords every local database image or tutorial ships with: on loopback they are not a leak.
const LOCAL_DEFAULTS = /^(?:postgres|postgresql|password|passw0rd|pass|root|admin|secret|example|changeme|mysql|mariadb|mongo|redis|guest|test|dev|local|docker|sa|default)$/i;

function userinfoHits(raw: string, base: number): Hit[] {
  const match = USERINFO.exec(raw);
  const password = match?.[2];
  if (!match || !password || /^\$|^%/.test(password)) return [];
  const start = base + raw.indexOf(`:${password}@`) + 1;
  if (isLoopbackUrl(raw) && (LOCAL_DEFAULTS.test(password) || password === match[1])) {
    return [{ ruleId: 'local-default-credentials', start, length: password.length, priority: 1 }];
  }
  if (isPlaceholder(password)) return [];
  return [{ ruleId: 'url-credentials', start, length: password.length, secret: password, priority: 1 }];
}

function isLoopbackUrl(raw: string): boolean {
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]]*\]|[^:/?#\s]*)/i.exec(raw)?.[1] ?? '';
  return LOOPBACK.test(host) || host.endsWith('.localhost');
}

/**
 * A credential as a path segment of a server URL (`https://mcp.example.com/<key>/sse`, as some
 * hosted MCP gateways issue them): long, random, letters and digits; not a UUID or a hex hash.
 */
function pathHits(raw: string, base: number): Hit[] {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]*(\/[^?#\s]*)/i.exec(raw);
  if (!path?.[1]) return [];
  const pathStart = raw.indexOf(path[1], raw.indexOf('://') + 3);
  const hits: Hit[] = [];
  let offset = pathStart;
  for (const segment of path[1].split('/')) {
    if (looksLikePathCredential(segment)) hits.push({ ruleId: 'url-path-secret', start: base + offset, length: segment.length, secret: segment, priority: 2 });
    offset += segment.length + 1;
  }
  return hits;
}

function looksLikePathCredential(segment: string): boolean {
  if (segment.length < 24 || !/[0-9]/.test(segment) || !/[A-Za-z]/.test(segment) || !/^[\w.~-]+$/.test(segment)) return false;
  if (/^[0-9a-f-]+$/i.test(segment) || isDocumentedExample(segment) || isPlaceholder(segment)) return false;
  return shannonEntropy(segment) >= 4;
}

function queryHits(raw: string, base: number): Hit[] {
  // The fragment too: `#access_token=…` (OAuth implicit-flow style) is a credential in the URL just the same.
  const query = raw.search(/[?#]/);
  if (query < 0) return [];
  const hits: Hit[] = [];
  const pattern = /([^?&=#]+)=([^&#]*)/g;
  for (const match of raw.slice(query + 1).matchAll(pattern)) {
    const name = match[1] ?? '';
    const value = match[2] ?? '';
    if (!CREDENTIAL_PARAM.test(name)) continue;
    const nameStart = base + query + 1 + (match.index ?? 0);
    hits.push({ ruleId: 'token-in-url', start: nameStart, length: name.length, priority: 4 });
    const decoded = safeDecode(value);
    if (value.trim().length === 0 || isPlaceholder(decoded)) continue;
    hits.push({ ruleId: 'url-query-secret', start: nameStart + name.length + 1, length: value.length, secret: decoded, priority: 1 });
  }
  return hits;
}

function plainHttpHits(raw: string, base: number): Hit[] {
  if (!/^http:\/\//i.test(raw)) return [];
  let host: string;
  try {
    host = new URL(raw).hostname;
  } catch {
    return [];
  }
  if (LOOPBACK.test(host) || host.endsWith('.localhost')) return [];
  return [{ ruleId: 'insecure-http-url', start: base, length: raw.length, priority: 4 }];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
