import { decodeJwt } from 'jose';
import type { RegistrationMethod, SaveCredentialInput } from './credential.js';

/** The parts of a token endpoint response the store keeps (oauth4webapi's TokenEndpointResponse fits). */
export interface TokenResponseFields {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

/** The AS metadata fields the store keeps (oauth4webapi's AuthorizationServer fits). */
export interface AuthorizationServerFields {
  issuer: string;
  token_endpoint?: string;
  revocation_endpoint?: string;
  introspection_endpoint?: string;
}

export interface CredentialInputContext {
  serverUrl: string;
  resource: string;
  as: AuthorizationServerFields;
  clientId: string;
  tokenEndpointAuthMethod: string;
  clientSecret?: string;
  /** Used when the response has no `scope` (RFC 6749 §5.1: then the requested scope was granted). */
  requestedScopes: string[];
  registrationMethod?: RegistrationMethod;
  refreshParameters?: Record<string, string>;
  /** From a validated id_token, when there is one; else read from a JWT access token. */
  subject?: string;
  now: Date;
}

/** Builds `save` input from a token response: login uses it, refresh uses it for rotated tokens. */
export function credentialInputFromTokens(tokens: TokenResponseFields, context: CredentialInputContext): SaveCredentialInput {
  if (!context.as.token_endpoint) throw new Error(`the metadata of ${context.as.issuer} has no token_endpoint`);
  const input: SaveCredentialInput = {
    serverUrl: context.serverUrl,
    resource: context.resource,
    issuer: context.as.issuer,
    clientId: context.clientId,
    tokenEndpointAuthMethod: context.tokenEndpointAuthMethod,
    scopes: tokens.scope !== undefined ? tokens.scope.split(' ').filter(Boolean) : context.requestedScopes,
    tokenType: tokens.token_type.toLowerCase(),
    tokenEndpoint: context.as.token_endpoint,
    secrets: { accessToken: tokens.access_token },
  };
  if (typeof tokens.expires_in === 'number') {
    input.accessTokenExpiresAt = new Date(context.now.getTime() + tokens.expires_in * 1000).toISOString();
  }
  const subject = context.subject ?? jwtSubject(tokens.access_token);
  if (subject !== undefined) input.subject = subject;
  if (context.as.revocation_endpoint) input.revocationEndpoint = context.as.revocation_endpoint;
  if (context.as.introspection_endpoint) input.introspectionEndpoint = context.as.introspection_endpoint;
  if (context.registrationMethod) input.registrationMethod = context.registrationMethod;
  if (context.refreshParameters) input.refreshParameters = context.refreshParameters;
  if (tokens.refresh_token !== undefined) input.secrets.refreshToken = tokens.refresh_token;
  if (context.clientSecret !== undefined) input.secrets.clientSecret = context.clientSecret;
  return input;
}

// Display only (status shows who is signed in): an opaque token simply has no subject here.
function jwtSubject(token: string): string | undefined {
  try {
    const sub = decodeJwt(token).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
