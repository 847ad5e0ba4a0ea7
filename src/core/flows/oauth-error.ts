import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import { idpErrorHint } from '../idp/error-patterns.js';

/** An OAuth error answer (RFC 6749 §5.2, §4.1.2.1; RFC 6750 §3), whatever oauth4webapi wrapped it in. */
export interface OAuthErrorInfo {
  error: string;
  description: string | undefined;
  status: number | undefined;
}

/** The server's own words are shown, but never more than this (they reach a terminal). */
const DESCRIPTION_LIMIT = 300;

export function oauthErrorOf(error: unknown): OAuthErrorInfo | undefined {
  if (error instanceof oauth.ResponseBodyError) return { error: error.error, description: error.error_description, status: error.status };
  if (error instanceof oauth.AuthorizationResponseError) return { error: error.error, description: error.error_description, status: undefined };
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // A 401 with WWW-Authenticate from the token endpoint: the client failed to authenticate (RFC 6749 §5.2).
    const parameters = error.cause[0]?.parameters;
    return { error: parameters?.error ?? 'invalid_client', description: parameters?.error_description, status: error.response.status };
  }
  return undefined;
}

/** The next step for each OAuth error a user can meet; `{url}` is the MCP server. */
const NEXT_STEP: Readonly<Record<string, string>> = {
  invalid_client: "The authorization server does not accept this client: check --client-id and the client secret you passed; a registered client the server has since deleted is replaced by 'mcpauth rotate --client {url}' and a new login.",
  invalid_grant: "The code or refresh token is no longer valid (expired, revoked or already used): log in again with 'mcpauth login {url}'.",
  unauthorized_client: 'This client is not allowed this grant at the authorization server: enable the grant for the client there, or use another client (--client-id) or flow (--device).',
  access_denied: "The request was denied (at the consent page or by the server's policy): run 'mcpauth login {url}' again and approve it, or ask an administrator for access.",
  invalid_scope: "The authorization server refused the requested scopes: 'mcpauth scopes {url}' shows what it offers; pass those with --scope.",
  invalid_target: "The authorization server does not know this MCP server as a resource (RFC 8707): run 'mcpauth probe {url}' and tell the server's operator; an authorization server that refuses the resource parameter itself takes 'mcpauth login {url} --no-resource'.",
  invalid_request: "The authorization server rejected the request as malformed: run 'mcpauth probe {url}' and retry with --verbose to see the exchange.",
};

export function nextStepFor(oauthError: string, serverUrl: string | undefined): string {
  const text = NEXT_STEP[oauthError] ?? "Retry with --verbose to see the exchange, or run 'mcpauth probe {url}'.";
  return text.replaceAll('{url}', serverUrl ?? '<url>');
}

/**
 * The server's error code and description, capped. Control characters are left for the terminal
 * sanitiser where the message is printed (commands/report-error.ts); JSON keeps the text exact.
 */
export function describeOAuthAnswer(info: OAuthErrorInfo): string {
  const description = (info.description ?? '').trim();
  const capped = description.length > DESCRIPTION_LIMIT ? `${description.slice(0, DESCRIPTION_LIMIT - 1)}…` : description;
  return capped === '' ? info.error : `${info.error}: ${capped}`;
}

/**
 * An OAuth error answer as the user-facing error it is: exit 4 (authentication failed), the server's
 * error and description, and the next step. Never "internal error". `oauthError` is for branching
 * (login registers again on invalid_client); `forServer` names the MCP server in the hint once known.
 */
export class OAuthRefusal extends CliError {
  readonly oauthError: string;
  readonly info: OAuthErrorInfo;
  readonly what: string;
  readonly serverUrl: string | undefined;

  constructor(info: OAuthErrorInfo, what: string, serverUrl: string | undefined, cause: unknown) {
    const status = info.status === undefined ? '' : ` (HTTP ${info.status})`;
    // An error string a known IdP sends (idp-quirks.md §16.1) gets that IdP's meaning and fix instead.
    const idpHint = idpErrorHint(`${info.error} ${info.description ?? ''}`);
    super('auth', `${what} was refused: ${describeOAuthAnswer(info)}${status}.`, { hint: idpHint ?? nextStepFor(info.error, serverUrl), cause });
    this.name = 'OAuthRefusal';
    this.oauthError = info.error;
    this.info = info;
    this.what = what;
    this.serverUrl = serverUrl;
  }

  forServer(serverUrl: string): OAuthRefusal {
    return this.serverUrl === undefined ? new OAuthRefusal(this.info, this.what, serverUrl, this.cause) : this;
  }
}

/** Any oauth4webapi OAuth error as an OAuthRefusal; anything else is returned unchanged. */
export function classifyOAuthError(error: unknown, what: string, serverUrl?: string): unknown {
  if (error instanceof OAuthRefusal) return serverUrl === undefined ? error : error.forServer(serverUrl);
  const info = oauthErrorOf(error);
  return info === undefined ? error : new OAuthRefusal(info, what, serverUrl, error);
}
