import { isLoopbackHost } from '../http/url-policy.js';

/** Why a URL a server published is unsafe for a client to use, or undefined when it is fine. */
export function unsafeUrlReason(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not an absolute URL';
  }
  // Security Best Practices §OAuth Authorization URL Validation: javascript:, data:, file: MUST be rejected.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `a ${url.protocol} URL (only https is acceptable)`;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'plain http on a non-loopback host';
  // login refuses such an endpoint (a browser would send, or show, the credentials): probe says so too.
  if (url.username !== '' || url.password !== '') return 'a URL with embedded credentials (user:password@)';
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'a URL with whitespace or control characters';
  return undefined;
}

export function isInsecureRemoteHttp(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

export function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

export function scopeList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
