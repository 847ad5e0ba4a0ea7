import { HttpError } from './http-error.js';

/** True for hosts that never leave this machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

export interface UrlPolicy {
  /** Allow plain http to hosts other than loopback (`--allow-http`). */
  allowHttp: boolean;
}

/**
 * Parses a URL that is about to be requested and checks it is safe to request.
 * MCP 2025-11-25 (Security Best Practices) and OAuth 2.1 §1.5: every endpoint is https, except
 * loopback for development. Anything else (javascript:, file:, data:) is never requested.
 */
export function checkRequestUrl(raw: string | URL, policy: UrlPolicy): URL {
  const text = String(raw);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpError('invalid-url', text, `not a valid URL: ${text.slice(0, 200)}`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (policy.allowHttp || isLoopbackHost(url.hostname)) return url;
    throw new HttpError('insecure-http', url.href, `refusing plain http to a non-loopback host: ${url.host}`);
  }
  throw new HttpError('invalid-url', url.href, `refusing a ${url.protocol} URL: only http(s) is ever requested`);
}
