import type { HttpFailureCode } from '../http/http-error.js';

/** How one discovery request ended, from the client's point of view. */
export type AttemptOutcome =
  /** 200 with a JSON object: a usable document (content type checked separately). */
  | 'found'
  | 'not-found'
  /** Any other status (401/403/5xx…). */
  | 'http-status'
  /** 200, but the body is not a JSON object (HTML, text, broken JSON). */
  | 'not-json'
  | 'too-large'
  /** DNS, refused, reset, timeout, TLS: no answer at all. */
  | 'unreachable'
  /** Not requested or stopped by policy (http to a remote host, javascript:, a redirect loop). */
  | 'refused';

/** One request discovery made, in the order it is interpreted: what `probe` shows, what `login --verbose` can show. */
export interface DiscoveryAttempt {
  url: string;
  /** Which candidate this is (see well-known-urls.ts), e.g. 'path-inserted', 'rfc8414-inserted', 'challenge'. */
  kind: string;
  /** 'spec': a spec-following client makes this request; 'explain': made only to explain a mistake. */
  purpose: 'spec' | 'explain';
  status: number | undefined;
  contentType: string | undefined;
  outcome: AttemptOutcome;
  /** One line saying what was learned ("200 application/json", "404", "HTML instead of JSON"). */
  detail: string;
  /** Redirect targets followed after the first URL (each hop was requested through the policy-checked client). */
  redirects: string[];
  error: { code: HttpFailureCode; detailCode: string | undefined; message: string } | undefined;
  durationMs: number;
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || (essence.startsWith('application/') && essence.endsWith('+json'));
}
