/**
 * Token-endpoint answers as IdPs really send them (idp-quirks.md §7 rows 3-4, §18.6), made readable
 * for oauth4webapi, which expects RFC 6749 §5 JSON:
 * - a form-encoded body (GitHub without Accept: application/json, vercel/ai#10899) becomes JSON;
 * - a 2xx body carrying `error` and no `access_token` (GitHub's HTTP 200 errors, typescript-sdk#1342)
 *   becomes the 400 it means, so the OAuth error (not a schema error) reaches the user.
 * Anything else is passed through untouched.
 */
export async function normalizeTokenResponse(response: Response): Promise<Response> {
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  const form = type.startsWith('application/x-www-form-urlencoded');
  if (!form && !(response.ok && type.includes('json'))) return response;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = form ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text);
  } catch {
    return response;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return response;
  const record = body as Record<string, unknown>;
  const errorIn2xx = response.ok && typeof record.error === 'string' && record.access_token === undefined;
  if (!form && !errorIn2xx) return response;
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: errorIn2xx ? 400 : response.status, statusText: response.statusText, headers });
}
