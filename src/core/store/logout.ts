import * as oauth from 'oauth4webapi';
import type { CredentialSecrets, SecretLocation, StoredCredential } from './credential.js';
import { authorizationServerOf, clientAuthOf, clientOf, oauthRequestOptions, type StoreFetch } from './credential-oauth.js';
import type { CredentialStore } from './credential-store.js';

/** What happened to one token at the AS (RFC 7009). */
export type RevocationOutcome =
  | { status: 'revoked' }
  | { status: 'skipped'; reason: 'no-token' | 'no-revocation-endpoint' | 'expired' }
  /** The AS answered with an OAuth error, e.g. unsupported_token_type for JWT access tokens (gotcha 7). */
  | { status: 'rejected'; error: string; description: string | undefined }
  /** Network or protocol failure: the token may still be valid at the AS. */
  | { status: 'failed'; message: string };

export interface LogoutOutcome {
  serverUrl: string;
  resource: string;
  issuer: string;
  revocationEndpoint: string | undefined;
  refreshToken: RevocationOutcome;
  accessToken: RevocationOutcome;
  accessTokenExpiresAt: string | undefined;
  deleted: boolean;
  secretLocation: SecretLocation;
}

export interface LogoutDeps {
  store: CredentialStore;
  fetch: StoreFetch;
  now: () => Date;
  allowHttp: boolean;
}

/**
 * Revokes the refresh token (which revokes the grant at oidc-provider), then tries the access token,
 * then deletes the entry. Held under the store lock so a concurrent refresh cannot rotate the refresh
 * token between reading and revoking it. The local entry is deleted even when revocation fails: the
 * outcome says so, and the user asked to be logged out here.
 */
export async function logoutCredential(credential: StoredCredential, deps: LogoutDeps): Promise<LogoutOutcome> {
  return deps.store.transaction(async (tx) => {
    const current = (await tx.get(credential.id)) ?? credential;
    const secrets = await tx.readSecrets(current).catch((): CredentialSecrets | undefined => undefined);
    const refreshToken = await revoke(current, secrets, 'refresh_token', deps);
    const accessExpired = current.accessTokenExpiresAt !== undefined && Date.parse(current.accessTokenExpiresAt) <= deps.now().getTime();
    const accessToken: RevocationOutcome = accessExpired ? { status: 'skipped', reason: 'expired' } : await revoke(current, secrets, 'access_token', deps);
    const deleted = await tx.remove(current.id);
    return {
      serverUrl: current.serverUrl,
      resource: current.resource,
      issuer: current.issuer,
      revocationEndpoint: current.revocationEndpoint,
      refreshToken,
      accessToken,
      accessTokenExpiresAt: current.accessTokenExpiresAt,
      deleted,
      secretLocation: current.secretLocation,
    };
  });
}

async function revoke(
  credential: StoredCredential,
  secrets: CredentialSecrets | undefined,
  hint: 'refresh_token' | 'access_token',
  deps: LogoutDeps,
): Promise<RevocationOutcome> {
  const token = hint === 'refresh_token' ? secrets?.refreshToken : secrets?.accessToken;
  if (token === undefined || secrets === undefined) return { status: 'skipped', reason: 'no-token' };
  if (!credential.revocationEndpoint) return { status: 'skipped', reason: 'no-revocation-endpoint' };
  try {
    const response = await oauth.revocationRequest(authorizationServerOf(credential), clientOf(credential), clientAuthOf(credential, secrets), token, {
      additionalParameters: { token_type_hint: hint },
      ...oauthRequestOptions(credential.revocationEndpoint, deps.fetch, deps.allowHttp, `revoke ${hint.replace('_', ' ')}`),
    });
    await oauth.processRevocationResponse(response);
    return { status: 'revoked' };
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) return { status: 'rejected', error: error.error, description: error.error_description };
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}
