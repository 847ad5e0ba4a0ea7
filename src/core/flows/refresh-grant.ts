import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import { idpErrorHint } from '../idp/index.js';
import type { CredentialSecrets, SaveCredentialInput, StoredCredential } from '../store/credential.js';
import { authorizationServerOf, clientAuthOf, clientOf, oauthRequestOptions } from '../store/credential-oauth.js';
import type { StoreTransaction } from '../store/credential-store.js';
import { formatCommand } from '../../output/shell-quote.js';
import { describeOAuthAnswer, oauthErrorOf, type OAuthErrorInfo } from './oauth-error.js';
import { fromStore, loginNeeded, type FreshAccessToken, type FreshTokenDeps } from './refresh.js';

/** The refresh grant itself (RFC 6749 §6), run by getFreshAccessToken under the store lock. */
export async function refreshLocked(credential: StoredCredential, secrets: CredentialSecrets, tx: StoreTransaction, deps: FreshTokenDeps): Promise<FreshAccessToken> {
  const url = credential.serverUrl;
  if (secrets.refreshToken === undefined) {
    throw loginNeeded(url, `the access token for ${url} has expired and there is no refresh token.`);
  }
  const as = authorizationServerOf(credential);
  const client = clientOf(credential);
  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, clientAuthOf(credential, secrets), secrets.refreshToken, {
      // RFC 8707 §2.2: `resource` on every token request, so the new token keeps its audience.
      additionalParameters: credential.refreshParameters ?? { resource: credential.resource },
      ...oauthRequestOptions(credential.tokenEndpoint, deps.fetch, deps.allowHttp, 'token refresh'),
    });
    tokens = await oauth.processRefreshTokenResponse(as, client, response);
  } catch (error) {
    const oauthError = oauthErrorOf(error);
    if (oauthError === undefined) throw unclearFailure(url, error);
    // The AS answered with an OAuth error: it may already have consumed the token (oidc-provider does,
    // even for invalid_target), so it is dropped and never sent again.
    await tx.save(toSaveInput(credential, { ...secrets, refreshToken: undefined }, {}));
    if (oauthError.error === 'invalid_client' || oauthError.error === 'unauthorized_client') {
      // The AS no longer accepts this client (a restart, a deleted client): forget the registration so the
      // next login registers a new one instead of replaying the dead client_id.
      const stored = await tx.getClientRegistration(credential.issuer).catch(() => undefined);
      if (stored?.registration.clientId === credential.clientId) await tx.removeClientRegistration(credential.issuer);
    }
    throw rejected(url, oauthError, error);
  }
  const saved = await tx.save(toSaveInput(credential, rotatedSecrets(secrets, tokens), tokenFields(tokens, deps.now())));
  return fromStore(saved, { ...secrets, accessToken: tokens.access_token }, true);
}

function rotatedSecrets(secrets: CredentialSecrets, tokens: oauth.TokenEndpointResponse): CredentialSecrets {
  // No refresh_token in the response: the AS does not rotate, the old one stays valid (RFC 6749 §6).
  const next: CredentialSecrets = { ...secrets, accessToken: tokens.access_token };
  if (tokens.refresh_token !== undefined) next.refreshToken = tokens.refresh_token;
  return next;
}

function tokenFields(tokens: oauth.TokenEndpointResponse, now: Date): Partial<SaveCredentialInput> {
  const fields: Partial<SaveCredentialInput> = { tokenType: tokens.token_type.toLowerCase(), lastRefreshedAt: now.toISOString() };
  fields.accessTokenExpiresAt = tokens.expires_in === undefined ? undefined : new Date(now.getTime() + tokens.expires_in * 1000).toISOString();
  if (tokens.scope !== undefined) fields.scopes = tokens.scope.split(' ').filter(Boolean);
  return fields;
}

function toSaveInput(credential: StoredCredential, secrets: CredentialSecrets, changes: Partial<SaveCredentialInput>): SaveCredentialInput {
  const { id: _id, refreshAvailable: _r, secretLocation: _l, createdAt: _c, updatedAt: _u, ...metadata } = credential;
  const clean: CredentialSecrets = { accessToken: secrets.accessToken };
  if (secrets.refreshToken !== undefined) clean.refreshToken = secrets.refreshToken;
  if (secrets.clientSecret !== undefined) clean.clientSecret = secrets.clientSecret;
  return { ...metadata, ...changes, secrets: clean };
}

function rejected(url: string, info: OAuthErrorInfo, cause: unknown): CliError {
  const detail = describeOAuthAnswer(info);
  const clientGone = info.error === 'invalid_client' || info.error === 'unauthorized_client';
  const why = info.error === 'invalid_grant'
    ? 'it was revoked, expired, or already used'
    : clientGone
      ? 'the authorization server no longer accepts the client, so its registration was forgotten and the next login registers a new one'
      : 'it is not retried, because the authorization server may have consumed it';
  const known = idpErrorHint(detail);
  const error = loginNeeded(url, `the authorization server rejected the refresh token for ${url} (${detail}); ${why}.`, cause);
  return known === undefined ? error : new CliError('auth', error.message, { hint: `${known}. Then log in again: ${formatCommand(['mcpauth', 'login', url])}`, cause });
}

function unclearFailure(url: string, error: unknown): unknown {
  // Network failures (HttpError) keep their own code and exit status; the refresh token stays stored.
  if (!(error instanceof oauth.OperationProcessingError)) return error;
  return new CliError('protocol', `the token endpoint gave an unusable answer while refreshing the token for ${url}: ${error.message}.`, {
    hint: 'Run again with --verbose to see the exchange.',
    cause: error,
  });
}
