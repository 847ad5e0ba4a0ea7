import { CliError } from '../../errors.js';
import type { CredentialSecrets, StoredCredential } from '../store/credential.js';
import type { StoreFetch } from '../store/credential-oauth.js';
import type { CredentialStore } from '../store/credential-store.js';
import { formatCommand } from '../../output/shell-quote.js';

export interface FreshTokenDeps {
  store: CredentialStore;
  /** runtime.http.fetch */
  fetch: StoreFetch;
  now: () => Date;
  allowHttp: boolean;
}

export interface FreshTokenOptions {
  /** Refresh even if the access token looks valid (a 401 from the server, `rotate`). */
  forceRefresh?: boolean;
  /** An access token expiring sooner than this is refreshed first (default 60 s). */
  minValiditySeconds?: number;
}

export interface FreshAccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt: string | undefined;
  /** True when this call (not another process) ran the refresh grant. */
  refreshed: boolean;
  credential: StoredCredential;
}

/**
 * A usable access token for a stored server, refreshed when it expires within minValiditySeconds.
 * Single-flight across processes: the refresh runs under the store lock, after re-reading the entry,
 * because another process may have refreshed while we waited, and with rotation (MCP: public clients
 * MUST rotate) using its old refresh token again would make the AS revoke the whole grant (gotcha 6).
 */
export async function getFreshAccessToken(serverUrl: string, deps: FreshTokenDeps, options: FreshTokenOptions = {}): Promise<FreshAccessToken> {
  const minValidityMs = (options.minValiditySeconds ?? 60) * 1000;
  const seen = await deps.store.find(serverUrl);
  if (!seen) throw loginNeeded(serverUrl, `no stored credential for ${serverUrl}.`);
  if (!options.forceRefresh && isFresh(seen, deps.now(), minValidityMs)) {
    return fromStore(seen, await deps.store.readSecrets(seen), false);
  }
  return deps.store.transaction(async (tx) => {
    const current = await tx.get(seen.id);
    if (!current) throw loginNeeded(serverUrl, `the credential for ${serverUrl} was removed meanwhile.`);
    const refreshedMeanwhile = current.updatedAt !== seen.updatedAt && current.lastRefreshedAt !== seen.lastRefreshedAt;
    if (isFresh(current, deps.now(), minValidityMs) && (!options.forceRefresh || refreshedMeanwhile)) {
      return fromStore(current, await tx.readSecrets(current), false);
    }
    // Loaded only for a grant: oauth4webapi and the IdP catalogue are not needed to read a fresh token
    // (a long-running proxy reads one for every request and refreshes about once an hour).
    const { refreshLocked } = await import('./refresh-grant.js');
    return refreshLocked(current, await tx.readSecrets(current), tx, deps);
  });
}

export function isFresh(credential: StoredCredential, now: Date, minValidityMs: number): boolean {
  // No expires_in from the AS: nothing says it expired; the server's 401 will (then forceRefresh).
  if (credential.accessTokenExpiresAt === undefined) return true;
  return Date.parse(credential.accessTokenExpiresAt) - now.getTime() > minValidityMs;
}

export function fromStore(credential: StoredCredential, secrets: CredentialSecrets, refreshed: boolean): FreshAccessToken {
  return { accessToken: secrets.accessToken, tokenType: credential.tokenType, expiresAt: credential.accessTokenExpiresAt, refreshed, credential };
}

export function loginNeeded(url: string, message: string, cause?: unknown): CliError {
  return new CliError('auth', message, { hint: `Log in again: ${formatCommand(['mcpauth', 'login', url])}`, cause });
}

