import { CookieBrowser } from './cookie-browser.js';
import { readForms, readTitle } from './html-form.js';
import type { HtmlForm } from './html-form.js';

export interface ConsentOptions {
  /** false answers the consent (or device confirmation) page with "abort": the client gets access_denied. */
  approve?: boolean;
  /** Login name typed into the devInteractions login form; it becomes the token's `sub`. Default "alice". */
  login?: string;
}

/** Where driving the AS pages ended: a redirect off the AS origin (never requested), or a final page. */
type DriveEnd =
  | { kind: 'redirect'; url: URL }
  | { kind: 'page'; status: number; title: string | undefined; text: string };

const MAX_HOPS = 25;
const DEFAULT_LOGIN = 'alice';

/**
 * Plays the user in a browser: follows oidc-provider's interaction pages for an authorization URL, signs in,
 * consents, and returns the final redirect (the client's redirect_uri with code, state and iss) without
 * requesting it, so the test decides what the loopback listener sees.
 */
export async function completeAuthorization(authorizationUrl: string | URL, opts: ConsentOptions = {}): Promise<URL> {
  const end = await drive(new URL(authorizationUrl), opts);
  if (end.kind === 'redirect') return end.url;
  throw new Error(`authorization did not redirect to the client: HTTP ${end.status} "${end.title ?? ''}" ${end.text}`);
}

/**
 * Completes the user part of the device flow (RFC 8628 §3.3). Accepts verification_uri_complete, or
 * verification_uri plus opts.userCode. Resolves once the AS shows its success page (or the abort was sent).
 */
export async function approveDeviceCode(
  verificationUri: string | URL,
  opts: ConsentOptions & { userCode?: string } = {},
): Promise<void> {
  const url = new URL(verificationUri);
  if (opts.userCode !== undefined) url.searchParams.set('user_code', opts.userCode);
  const end = await drive(url, opts);
  if (opts.approve === false) return;
  if (end.kind === 'page' && end.title === 'Sign-in Success') return;
  const where = end.kind === 'redirect' ? `redirect to ${end.url.href}` : `HTTP ${end.status} "${end.title ?? ''}" ${end.text}`;
  throw new Error(`device approval did not reach the success page: ${where}`);
}

async function drive(start: URL, opts: ConsentOptions): Promise<DriveEnd> {
  const browser = new CookieBrowser();
  let url = start;
  let res = await browser.get(url);
  let aborted = false;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin !== start.origin) return { kind: 'redirect', url };
      res = await browser.get(url);
      continue;
    }
    const html = await res.text();
    const form = readForms(html, url.href).find((f) => f.method === 'post');
    if (!form || aborted) return { kind: 'page', status: res.status, title: readTitle(html), text: textOf(html) };
    const action = nextAction(form, opts);
    aborted = action.abort;
    url = new URL(action.url);
    res = action.fields ? await browser.postForm(url, action.fields) : await browser.get(url);
  }
  throw new Error(`gave up after ${MAX_HOPS} hops at ${url.href}`);
}

interface FormAction {
  url: string;
  fields?: Record<string, string>;
  abort: boolean;
}

/** Fills the known oidc-provider forms: devInteractions login and consent, device input and confirm. */
function nextAction(form: HtmlForm, opts: ConsentOptions): FormAction {
  const { fields } = form;
  const approve = opts.approve !== false;
  if (fields.prompt === 'login') {
    return { url: form.action, fields: { ...fields, login: opts.login ?? DEFAULT_LOGIN, password: 'any' }, abort: false };
  }
  if (fields.prompt === 'consent' && !approve) {
    // devInteractions routes: POST /interaction/:uid submits, GET /interaction/:uid/abort denies.
    return { url: `${form.action}/abort`, abort: true };
  }
  if ('confirm' in fields && !approve) return { url: form.action, fields: { ...fields, abort: 'yes' }, abort: true };
  if ('user_code' in fields && fields.user_code === '' && !('confirm' in fields)) {
    throw new Error('the device page asks for a user code: pass verification_uri_complete or opts.userCode');
  }
  return { url: form.action, fields, abort: false };
}

function textOf(html: string): string {
  return html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}
