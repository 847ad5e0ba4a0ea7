import type { FlowHttp } from './oauth-options.js';

/** What one plain GET of the authorization request says before a browser is involved. */
export type AuthorizationCheck =
  | { kind: 'ok' }
  /** The AS does not know (or no longer accepts) the client_id: the registration is gone. */
  | { kind: 'client-rejected'; detail: string }
  /** An error page (4xx/5xx, no redirect): nothing would ever reach the loopback listener. */
  | { kind: 'error-page'; status: number; detail: string };

const CLIENT_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

function excerpt(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
}

function oauthErrorIn(text: string): { error: string; description: string | undefined } | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error === 'string') return { error: body.error, description: typeof body.error_description === 'string' ? body.error_description : undefined };
  } catch {
    // An HTML error page: look for the RFC 6749 error code in its text below.
  }
  const code = /\b(invalid_client|unauthorized_client)\b/.exec(text)?.[1];
  return code === undefined ? undefined : { error: code, description: undefined };
}

/**
 * RFC 6749 §4.1.2.1: when the client_id or redirect_uri is bad, the AS MUST NOT redirect and shows the
 * error to the user instead, so the loopback listener would wait for nothing. One GET of the exact
 * authorization URL, redirects not followed and no cookies, tells that apart from a sign-in page (2xx)
 * or a redirect (3xx, including an error redirect the listener will receive and report). Which way a
 * client error went (invalid_client / unauthorized_client) decides whether re-registering can help.
 */
export async function checkAuthorizationRequest(url: URL, http: Pick<FlowHttp, 'fetch'>): Promise<AuthorizationCheck> {
  let response: Response;
  try {
    response = await http.fetch(url.href, { method: 'GET', headers: { accept: 'text/html, application/json' }, label: 'authorization request check (one GET, redirects not followed)' });
  } catch {
    // Unreachable from here but perhaps not from the browser (a proxy, a VPN): let the browser try.
    return { kind: 'ok' };
  }
  if (response.status < 400) {
    const location = response.headers.get('location');
    const error = location !== null && URL.canParse(location, url.href) ? new URL(location, url).searchParams.get('error') : null;
    if (error !== null && CLIENT_ERRORS.has(error)) return { kind: 'client-rejected', detail: `${error} in the redirect` };
    return { kind: 'ok' };
  }
  const text = await response.text().catch(() => '');
  const oauthError = oauthErrorIn(text);
  const detail = oauthError ? `${oauthError.error}${oauthError.description ? `: ${oauthError.description}` : ''}` : excerpt(text) || 'no explanation';
  if (oauthError && CLIENT_ERRORS.has(oauthError.error)) return { kind: 'client-rejected', detail: `HTTP ${response.status}, ${detail}` };
  return { kind: 'error-page', status: response.status, detail: `HTTP ${response.status}, ${detail}` };
}
