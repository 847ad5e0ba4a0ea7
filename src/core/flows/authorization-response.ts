import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import type { PendingAuthorization } from './authorization-request.js';
import { classifyOAuthError } from './oauth-error.js';
import { oauthOptions, type FlowHttp } from './oauth-options.js';

/**
 * Checks the callback before the code goes anywhere: RFC 9207 `iss` by the draft's table
 * ([D-index L196-213]; oauth4webapi compares with simple string comparison, and rejects a missing `iss`
 * when the metadata advertises authorization_response_iss_parameter_supported), then `state`, then
 * `error`. On an `iss` mismatch the AS's error text is never shown ([D-index L211-213]).
 */
export function validateCallback(as: oauth.AuthorizationServer, clientId: string, callback: URL, pending: PendingAuthorization): URLSearchParams {
  try {
    return oauth.validateAuthResponse(as, { client_id: clientId }, callback, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) throw classifyOAuthError(error, 'the authorization request');
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError('protocol', `the authorization response was rejected before the code was exchanged: ${detail}.`, {
      hint: `Expected iss ${JSON.stringify(pending.issuer)} (RFC 9207); a mismatch can mean a mix-up attack, so nothing was sent to the token endpoint.`,
      cause: error,
    });
  }
}

export interface CodeExchangeInput {
  as: oauth.AuthorizationServer;
  clientId: string;
  clientAuth: oauth.ClientAuth;
  params: URLSearchParams;
  pending: PendingAuthorization;
  /** Undefined where the IdP rejects `resource` (core/idp/login-policy.ts): then omitted here too. */
  resource: string | undefined;
}

/** The token request: code, redirect_uri, code_verifier and `resource` (MUST, [25-11 L402-407]). */
export async function exchangeCode(input: CodeExchangeInput, http: FlowHttp): Promise<oauth.TokenEndpointResponse> {
  const client = { client_id: input.clientId };
  const response = await oauth.authorizationCodeGrantRequest(
    input.as,
    client,
    input.clientAuth,
    input.params,
    input.pending.redirectUri,
    input.pending.codeVerifier,
    { ...oauthOptions(input.as.token_endpoint, http, 'token request (authorization_code)'), additionalParameters: input.resource === undefined ? {} : { resource: input.resource } },
  );
  return processTokenResponse(() => oauth.processAuthorizationCodeResponse(input.as, client, response));
}

/** Token endpoint errors as one-sentence CliErrors that branch on the OAuth error code (oauth-error.ts). */
export async function processTokenResponse<T>(process: () => Promise<T>): Promise<T> {
  try {
    return await process();
  } catch (error) {
    const refusal = classifyOAuthError(error, 'the token request');
    if (refusal !== error) throw refusal;
    if (error instanceof oauth.OperationProcessingError) {
      throw new CliError('protocol', `the token response is not usable: ${error.message}.`, { cause: error });
    }
    throw error;
  }
}
