import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import { isLoopbackHost } from '../http/url-policy.js';

export interface AuthorizationRequestInput {
  as: oauth.AuthorizationServer;
  clientId: string;
  redirectUri: string;
  /**
   * RFC 8707 / [25-11 L402-407]: the canonical server URI, identical on /authorize, /token and refresh;
   * undefined only where the IdP rejects it (Entra, core/idp/login-policy.ts) or --no-resource.
   */
  resource: string | undefined;
  /** IdP-specific parameters (Auth0 audience, Google access_type, an explicit prompt). */
  extraParams?: Record<string, string>;
  scope: string | undefined;
  allowHttp: boolean;
  /** Generated here unless given (the loopback listener needs it before the URL exists). */
  state?: string;
}

/** What must be remembered between the redirect and the callback ([D-index L192]). */
export interface PendingAuthorization {
  url: URL;
  state: string;
  codeVerifier: string;
  /** The issuer of the validated metadata, for the RFC 9207 check. */
  issuer: string;
  redirectUri: string;
}

/**
 * The authorization endpoint comes from (possibly hostile) metadata and ends up in a browser: only
 * https, or http on loopback (or with --allow-http), ever passes. Best Practices L749-763 (javascript:,
 * data:, file:, vbscript: MUST be rejected), CVE-2025-6514.
 */
export const MAX_AUTHORIZATION_ENDPOINT_CHARS = 8192;

export function checkAuthorizationEndpoint(value: unknown, allowHttp: boolean): URL {
  const text = typeof value === 'string' ? value : '';
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const safe =
    url !== undefined &&
    !/[\s\u0000-\u001f]/.test(text) &&
    !url.username &&
    !url.password &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && (allowHttp || isLoopbackHost(url.hostname))));
  // No real authorization endpoint is longer than a few hundred characters; 900 KB ones are hostile.
  if (text.length > MAX_AUTHORIZATION_ENDPOINT_CHARS) {
    throw new CliError('protocol', `refusing an authorization endpoint of ${text.length} characters (more than ${MAX_AUTHORIZATION_ENDPOINT_CHARS}).`, {
      hint: 'The authorization server metadata is broken or hostile; nothing was opened. Run mcpauth probe on the server.',
    });
  }
  if (!safe || url === undefined) {
    const shown = JSON.stringify(text.slice(0, 80));
    throw new CliError('protocol', `refusing the authorization endpoint ${shown}: only an https URL (http on loopback) is ever opened.`, {
      hint: 'The authorization server metadata is broken or hostile; nothing was opened. Run mcpauth probe on the server.',
    });
  }
  return url;
}

/** Authorization code request with PKCE S256 (RFC 7636, [25-11 L598-601]), state and resource. */
export async function buildAuthorizationRequest(input: AuthorizationRequestInput): Promise<PendingAuthorization> {
  const url = checkAuthorizationEndpoint(input.as.authorization_endpoint, input.allowHttp);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = input.state ?? oauth.generateRandomState();
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', input.clientId);
  params.set('redirect_uri', input.redirectUri);
  params.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  params.set('code_challenge_method', 'S256');
  params.set('state', state);
  if (input.resource !== undefined) params.set('resource', input.resource);
  if (input.scope !== undefined) params.set('scope', input.scope);
  for (const [name, value] of Object.entries(input.extraParams ?? {})) params.set(name, value);
  return { url, state, codeVerifier, issuer: input.as.issuer, redirectUri: input.redirectUri };
}
