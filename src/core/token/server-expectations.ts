import { isLoopbackHost } from '../http/url-policy.js';
import type { TokenExpectations } from './check-context.js';
import type { IntrospectionTarget } from './introspect-token.js';
import type { ServerContext } from './server-context.js';
import type { KeySource } from './verify-signature.js';

/** What the user said on the command line; each flag wins over what discovery found. */
export interface ExpectationFlags {
  issuer?: string | undefined;
  audience?: string | undefined;
  needScopes?: string[] | undefined;
  /** A JWKS given with --jwks (a URL, or a file's parsed content). */
  keys?: KeySource | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  allowHttp: boolean;
}

export interface InspectionPlan {
  expected: TokenExpectations;
  keys: KeySource | undefined;
  /** Set when verification was asked for (--server) but no keys could be found: why. */
  keysUnavailable: string | undefined;
  introspection: IntrospectionTarget | undefined;
  introspectionUnavailable: string | undefined;
}

/** Flags alone (no --server): check only what the user asked for. */
export function planFromFlags(flags: ExpectationFlags): InspectionPlan {
  return {
    expected: {
      issuer: flags.issuer,
      issuerSource: '--issuer',
      audience: flags.audience,
      audienceSource: '--audience',
      needScopes: flags.needScopes,
      needSource: '--need',
      issuerHasJwks: flags.keys !== undefined,
    },
    keys: flags.keys,
    keysUnavailable: undefined,
    introspection: undefined,
    introspectionUnavailable: 'no --server to find an introspection endpoint',
  };
}

/** --server: the PRM resource is the audience, the AS issuer the issuer, its jwks_uri the keys, the challenge scope the need. */
export function planFromServer(server: ServerContext, flags: ExpectationFlags): InspectionPlan {
  const jwksUri = server.as?.jwks_uri;
  const keys = flags.keys ?? (jwksUri === undefined ? undefined : { kind: 'remote' as const, url: jwksUri, origin: jwksUri });
  const useChallenge = flags.needScopes === undefined && server.challengeScope !== undefined;
  return {
    expected: {
      issuer: flags.issuer ?? server.as?.issuer ?? server.issuer,
      issuerSource: flags.issuer !== undefined ? '--issuer' : `the server's authorization server`,
      audience: flags.audience ?? server.resource,
      audienceSource: flags.audience !== undefined ? '--audience' : `the server's resource (PRM)`,
      needScopes: flags.needScopes ?? server.challengeScope,
      needSource: useChallenge ? `the server's 401 challenge` : '--need',
      issuerHasJwks: keys !== undefined,
    },
    keys,
    keysUnavailable: keys === undefined ? describeMissingKeys(server) : undefined,
    ...planIntrospection(server, flags),
  };
}

function planIntrospection(server: ServerContext, flags: ExpectationFlags): Pick<InspectionPlan, 'introspection' | 'introspectionUnavailable'> {
  const endpoint = server.as?.introspection_endpoint;
  if (server.as === undefined) return { introspection: undefined, introspectionUnavailable: 'the authorization server metadata was not found' };
  if (endpoint === undefined) return { introspection: undefined, introspectionUnavailable: 'the authorization server offers no introspection_endpoint' };
  if (flags.clientId === undefined) {
    return { introspection: undefined, introspectionUnavailable: 'no client credentials: log in first or pass --client-id with --client-secret-stdin/--client-secret-env' };
  }
  const allowInsecure = flags.allowHttp || isLoopback(endpoint);
  return { introspection: { issuer: server.as.issuer, endpoint, clientId: flags.clientId, clientSecret: flags.clientSecret, allowInsecure }, introspectionUnavailable: undefined };
}

function describeMissingKeys(server: ServerContext): string {
  if (server.as !== undefined) return `the authorization server metadata of ${server.as.issuer} has no jwks_uri`;
  return server.notes.length > 0 ? server.notes.join('; ') : 'no authorization server was found';
}

function isLoopback(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
