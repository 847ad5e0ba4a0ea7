import { isPlaceholder } from './false-positives.js';
import { isSecretKey, judgeKeyedLiteral } from './secret-keys.js';
import type { Hit, ValueSite } from './value-site.js';

// RFC 9110 §11.1: auth schemes are case-insensitive, so `bearer` and `BEARER` are the same scheme.
// `Token`/`Bot` stay capitalised: as lower-case words they are ordinary English.
const AUTH_SCHEME = /(?<![\w-])([Bb][Ee][Aa][Rr][Ee][Rr]|Token|TOKEN|Bot)\s+([A-Za-z0-9._~+/=:-]{8,})/g;
const BASIC_SCHEME = /(?<![\w-])[Bb][Aa][Ss][Ii][Cc]\s+([A-Za-z0-9+/]{8,}={0,2})/g;

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

// Short flags whose value is a key by convention (`-k`, `-p` for a password).
const SHORT_FLAGS: Record<string, string> = { k: 'key', p: 'password', t: 'token' };

function flagKey(flag: string): string {
  const name = flag.replace(/^-+/, '');
  return SHORT_FLAGS[name] ?? name;
}

/**
 * `--api-key=…`, `--key=…`, `["-k", "…"]`, `["--access-token", "…"]`, `["--header", "X-Api-Key: …"]`
 * and docker's `["-e", "NAME=value"]` / `--env=NAME=value` in args.
 */
export function detectArgCredentials(site: ValueSite, text: string): Hit[] {
  const previous = site.previousArg;
  if (previous && /^(?:-e|--env)$/.test(previous)) return detectEnvAssignment(text, 0);
  const inline = /^(--?[A-Za-z][\w-]*)=(.*)$/s.exec(text);
  if (inline) {
    const flag = inline[1] ?? '';
    if (flag === '--env') return detectEnvAssignment(inline[2] ?? '', flag.length + 1);
    return judgeKeyedLiteral(flagKey(flag), inline[2] ?? '', flag.length + 1);
  }
  if (previous && /^--?[A-Za-z][\w-]*$/.test(previous) && !text.startsWith('-')) {
    if (/^(?:--header|-H)$/.test(previous)) return detectHeaderLine(text);
    return judgeKeyedLiteral(flagKey(previous), text, 0);
  }
  return [];
}

function detectEnvAssignment(text: string, offset: number): Hit[] {
  const match = /^([A-Za-z_][\w.-]*)=(.*)$/s.exec(text);
  if (!match) return [];
  return judgeKeyedLiteral(match[1] ?? '', match[2] ?? '', offset + (match[1] ?? '').length + 1);
}

function detectHeaderLine(text: string): Hit[] {
  const match = /^([\w-]+)\s*:\s*(.*)$/s.exec(text);
  if (!match || /^(?:proxy-)?authorization$/i.test(match[1] ?? '')) return [];
  return judgeKeyedLiteral(match[1] ?? '', match[2] ?? '', match[0].length - (match[2] ?? '').length);
}

// Headers whose values are random by nature and never credentials.
const BENIGN_HEADER = /^(?:content-type|accept|accept-[\w-]+|user-agent|host|origin|referer|x-request-id|x-correlation-id|traceparent|tracestate|x-trace-id|mcp-session-id|mcp-protocol-version|if-none-match|etag)$/i;

/**
 * A header value: Authorization is left to detectAuthSchemes; secret-named headers are judged by
 * name; any other header whose value looks like a credential (random, long, mixed) counts too,
 * since vendors name their key headers freely (`Ocp-Apim-Subscription-Key`, `X-Holistics-Key`).
 */
export function detectHeaderValue(name: string, text: string): Hit[] {
  if (/^(?:proxy-)?authorization$/i.test(name)) {
    const trimmed = text.trim();
    if (trimmed.length === 0 || /\s/.test(trimmed) || /^(?:Bearer|Token|Basic|Bot)$/i.test(trimmed)) return [];
    return judgeKeyedLiteral('auth', text, 0);
  }
  if (isSecretKey(name) || BENIGN_HEADER.test(name) || /\s/.test(text.trim())) return judgeKeyedLiteral(name, text, 0);
  return judgeKeyedLiteral('header-credential', text, 0).map((hit) => (hit.ruleId === 'generic-secret' ? { ...hit, detail: `High-entropy value in header "${name}"` } : hit)).filter((hit) => hit.ruleId !== 'placeholder-value');
}

/** Codex's inline `bearer_token`: any literal there is the credential itself. */
export function detectCredentialField(text: string): Hit[] {
  const secret = text.trim();
  if (secret.length === 0) return [];
  const start = text.indexOf(secret);
  if (isPlaceholder(secret)) return [{ ruleId: 'placeholder-value', start, length: secret.length, priority: 3 }];
  return [{ ruleId: 'bearer-literal', start, length: secret.length, secret, priority: 1, detail: 'Literal bearer token (use bearer_token_env_var instead)' }];
}
