import type { HttpFailureCode } from './http-error.js';

/**
 * One request as it happened: what `--verbose` prints and what `probe` shows as its trace.
 * Secrets are already masked here (URL credentials, Authorization, cookies), so a trace can be
 * printed or saved as it is.
 */
export interface HttpExchange {
  seq: number;
  method: string;
  url: string;
  /** Why the request was made, in a few words ("protected resource metadata (path-inserted)"). */
  label: string | undefined;
  /** Milliseconds since the client was created, so concurrent requests can be shown as such. */
  startMs: number;
  durationMs: number;
  status: number | undefined;
  contentType: string | undefined;
  bytes: number | undefined;
  /** A redirect's target: recorded, never followed silently. */
  location: string | undefined;
  error: { code: HttpFailureCode; message: string } | undefined;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
}
