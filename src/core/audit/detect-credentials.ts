import { isPlaceholder } from './false-positives.js';
import { judgeKeyedLiteral } from './secret-keys.js';
import type { Hit, ValueSite } from './value-site.js';

const AUTH_SCHEME = /(?<![\w-])(Bearer|Token|Bot)\s+([A-Za-z0-9._~+/=:-]{8,})/g;
const BASIC_SCHEME = /(?<![\w-])Basic\s+([A-Za-z0-9+/]{8,}={0,2})/g;

/**
 * Credentials after an HTTP auth scheme, wherever they appear: a `headers` map, an
 * `Authorization:${…}` mcp-remote argument, an env value holding a header (mcp-remote's
 * AUTH_HEADER), or a JSON string inside env (Notion's OPENAPI_MCP_HEADERS). Generic scanners
 * miss exactly this shape (reference §3.4).
 */
export function detectAuthSchemes(text: string): Hit[] {
  const hits: Hit[] = [];
  if (!/bearer|token|bot|basic/i.test(text)) return hits;
  for (const match of text.matchAll(AUTH_SCHEME)) {
    const secret = match[2] ?? '';
    const start = (match.index ?? 0) + match[0].length - secret.length;
    if (isPlaceholder(secret) || /^[A-Za-z_]+$/.test(secret)) {
      hits.push({ ruleId: 'placeholder-value', start, length: secret.length, priority: 3, detail: `Placeholder after "${match[1]}"` });
    } else {
      hits.push({ ruleId: 'bearer-literal', start, length: secret.length, secret, priority: 1 });
    }
  }
  for (const match of text.matchAll(BASIC_SCHEME)) {
    const encoded = match[1] ?? '';
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    if (!/^[^:\s]+:[^\s]+$/.test(decoded) || isPlaceholder(decoded.split(':')[1] ?? '')) continue;
    hits.push({ ruleId: 'basic-auth-header', start: (match.index ?? 0) + match[0].length - encoded.length, length: encoded.length, secret: encoded, priority: 1 });
  }
  return hits;
}

/** `--api-key=…`, `["--access-token", "…"]` and `["--header", "X-Api-Key: …"]` in args. */
export function detectArgCredentials(site: ValueSite, text: string): Hit[] {
  const inline = /^(--?[A-Za-z][\w-]*)=(.*)$/s.exec(text);
  if (inline) {
    const flag = inline[1] ?? '';
    return judgeKeyedLiteral(flag.replace(/^-+/, ''), inline[2] ?? '', flag.length + 1);
  }
  const previous = site.previousArg;
  if (previous && /^--?[A-Za-z][\w-]*$/.test(previous) && !text.startsWith('-')) {
    if (/^(?:--header|-H)$/.test(previous)) return detectHeaderLine(text);
    return judgeKeyedLiteral(previous.replace(/^-+/, ''), text, 0);
  }
  return [];
}

function detectHeaderLine(text: string): Hit[] {
  const match = /^([\w-]+)\s*:\s*(.*)$/s.exec(text);
  if (!match || /^(?:proxy-)?authorization$/i.test(match[1] ?? '')) return [];
  return judgeKeyedLiteral(match[1] ?? '', match[2] ?? '', match[0].length - (match[2] ?? '').length);
}

/** A header value: Authorization is left to detectAuthSchemes, other secret-named headers judged here. */
export function detectHeaderValue(name: string, text: string): Hit[] {
  if (/^(?:proxy-)?authorization$/i.test(name)) {
    const trimmed = text.trim();
    if (trimmed.length === 0 || /\s/.test(trimmed) || /^(?:Bearer|Token|Basic|Bot)$/i.test(trimmed)) return [];
    return judgeKeyedLiteral('auth', text, 0);
  }
  return judgeKeyedLiteral(name, text, 0);
}
