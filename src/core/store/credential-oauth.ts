import * as oauth from 'oauth4webapi';
import type { HttpRequestInit } from '../http/client.js';
import { isLoopbackHost } from '../http/url-policy.js';
import { normalizeTokenResponse } from '../idp/token-response.js';
import type { CredentialSecrets, StoredCredential } from './credential.js';

/** The HTTP client's fetch (runtime.http.fetch): policy, timeouts, body cap and trace live there. */
export type StoreFetch = (url: string, init?: HttpRequestInit) => Promise<Response>;

/**
 * The AS as recorded at login. Refresh and revocation use these stored endpoints rather than
 * rediscovering: SEP-2352 binds the credential to this issuer, so a changed PRM must not redirect it.
 */
export function authorizationServerOf(credential: StoredCredential): oauth.AuthorizationServer {
  return {
    issuer: credential.issuer,
    token_endpoint: credential.tokenEndpoint,
    ...(credential.revocationEndpoint ? { revocation_endpoint: credential.revocationEndpoint } : {}),
    ...(credential.introspectionEndpoint ? { introspection_endpoint: credential.introspectionEndpoint } : {}),
  };
}

export function clientOf(credential: StoredCredential): oauth.Client {
  return { client_id: credential.clientId, token_endpoint_auth_method: credential.tokenEndpointAuthMethod };
}

/** The client authentication registered for this client (RFC 7591 token_endpoint_auth_method). */
export function clientAuthOf(credential: StoredCredential, secrets: CredentialSecrets): oauth.ClientAuth {
  const secret = secrets.clientSecret;
  switch (credential.tokenEndpointAuthMethod) {
    case 'client_secret_basic':
      return oauth.ClientSecretBasic(secret ?? '');
    case 'client_secret_post':
      return oauth.ClientSecretPost(secret ?? '');
    default:
      return oauth.None();
  }
}

/** oauth4webapi request options: our fetch, with http allowed only where our HTTP client allows it. */
export function oauthRequestOptions(endpoint: string, fetch: StoreFetch, allowHttp: boolean, label: string) {
  const loopback = isLoopbackHost(new URL(endpoint).hostname);
  return {
    [oauth.customFetch]: async (url: string, init: oauth.CustomFetchOptions<string, unknown>) =>
      normalizeTokenResponse(await fetch(url, { method: init.method, headers: init.headers, body: init.body as URLSearchParams, signal: init.signal, label })),
    [oauth.allowInsecureRequests]: allowHttp || loopback,
  };
}
