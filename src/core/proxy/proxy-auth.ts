import { withAuthorization, type HeldToken, type ReauthorizeReason } from '../flows/authorized-call.js';
import type { McpHttpError } from '../mcp/mcp-error.js';

export interface ProxyAuthDeps {
  /** The stored token (refreshed first when it is about to expire); '' when none is stored. */
  token(): Promise<HeldToken>;
  /** After a 401 for `failed`: another proxy may have refreshed already; else the refresh grant. */
  refresh(failed: string): Promise<HeldToken>;
  /** A new login (browser or device flow), with the scopes the reason asks for. */
  reauthorize(reason: ReauthorizeReason): Promise<HeldToken>;
  /** Told why a login starts (stderr). */
  onReauthorize(reason: ReauthorizeReason): void;
  /** The server's answer to an initialize without a token (read when it answered ours with 5xx). */
  challengeWithoutToken?: () => Promise<McpHttpError | undefined>;
  note?: (text: string) => void;
}

/**
 * The proxy's side of core/flows/authorized-call.ts: the same retry rules as `call` (401: refresh once,
 * then log in again; 403 insufficient_scope: log in with the union of scopes; at most MAX_ATTEMPTS runs
 * per request), with refreshes and logins shared by every request in flight: while one login runs, the
 * others wait for it instead of starting their own.
 */
export function createProxyAuth(deps: ProxyAuthDeps) {
  let current: Promise<HeldToken> | undefined;
  let refreshing: Promise<HeldToken> | undefined;
  let login: Promise<HeldToken> | undefined;

  const held = (): Promise<HeldToken> => (current ??= deps.token().catch((error: unknown) => {
    current = undefined;
    throw error;
  }));

  function share(run: () => Promise<HeldToken>, slot: 'refresh' | 'login'): Promise<HeldToken> {
    const existing = slot === 'refresh' ? refreshing : login;
    if (existing) return existing;
    const started = run().then(
      (token) => {
        current = Promise.resolve(token);
        return token;
      },
    ).finally(() => {
      if (slot === 'refresh') refreshing = undefined;
      else login = undefined;
    });
    if (slot === 'refresh') refreshing = started;
    else login = started;
    return started;
  }

  return {
    /** Runs one forwarded request with the credential, recovering from 401/403 as the spec says. */
    run<T>(operation: (accessToken: string) => Promise<T>): Promise<T> {
      let used = '';
      return withAuthorization(
        (accessToken) => {
          used = accessToken;
          return operation(accessToken);
        },
        {
          token: async () => (login ? login : held()),
          refresh: () => share(() => deps.refresh(used), 'refresh'),
          confirm: async (reason) => {
            if (!login) deps.onReauthorize(reason);
            return true;
          },
          reauthorize: (reason) => share(() => deps.reauthorize(reason), 'login'),
          ...(deps.challengeWithoutToken ? { challengeWithoutToken: deps.challengeWithoutToken } : {}),
          ...(deps.note ? { note: deps.note } : {}),
        },
      );
    },
    /** The token to use for messages outside a request (answers to server requests, the GET stream). */
    async latest(): Promise<string> {
      return (await held()).accessToken;
    },
  };
}

export type ProxyAuth = ReturnType<typeof createProxyAuth>;
