import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { deleteRegisteredClient } from './client-deletion.js';
import type { CredentialSecrets, SecretLocation, StoredCredential } from './credential.js';
import { authorizationServerOf, clientAuthOf, clientOf, oauthRequestOptions, type StoreFetch } from './credential-oauth.js';
import type { CredentialStore, StoreTransaction } from './credential-store.js';

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
  /**
   * RFC 9068: when the access token is a JWT, its `exp` (ISO). A resource server that validates JWTs
   * locally accepts it until then, revoked or not.
   */
  accessTokenJwtExpiresAt: string | undefined;
  /** What happened to the dynamic client registration this login used. */
  client: ClientOutcome;
}

export type ClientOutcome =
  | { status: 'deleted' }
  /** Forgotten here; `reason` says why it stays registered at the AS. */
  | { status: 'forgotten'; reason: string }
  | { status: 'kept'; reason: 'keep-client' | 'shared' | 'not-dcr' | 'none' };

export interface LogoutDeps {
  store: CredentialStore;
  fetch: StoreFetch;
  now: () => Date;
  allowHttp: boolean;
  /** --keep-client: leave the dynamic registration in place (and stored) for the next login. */
  keepClient?: boolean;
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
    const client = await forgetClient(current, tx, deps);
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
      accessTokenJwtExpiresAt: jwtExpiry(secrets?.accessToken),
      client,
    };
  });
}

function jwtExpiry(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? new Date(exp * 1000).toISOString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A logout also ends the dynamic registration it made (RFC 7592 delete where the AS offers it), unless
 * --keep-client, or another stored login at the same AS still uses that client.
 */
async function forgetClient(credential: StoredCredential, tx: StoreTransaction, deps: LogoutDeps): Promise<ClientOutcome> {
  if (credential.registrationMethod !== 'dcr') return { status: 'kept', reason: 'not-dcr' };
  if (deps.keepClient) return { status: 'kept', reason: 'keep-client' };
  const stored = await tx.getClientRegistration(credential.issuer).catch(() => undefined);
  if (stored === undefined || stored.registration.clientId !== credential.clientId) return { status: 'kept', reason: 'none' };
  const others = (await tx.list()).filter((c) => c.issuer === credential.issuer && c.clientId === credential.clientId);
  if (others.length > 0) return { status: 'kept', reason: 'shared' };
  const deleted = await deleteRegisteredClient(stored, deps.fetch);
  await tx.removeClientRegistration(credential.issuer);
  return deleted === true ? { status: 'deleted' } : { status: 'forgotten', reason: deleted };
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
