import type { Configuration } from 'oidc-provider';

/** What a simulator says about one resource indicator (replaces the harness's resource registry). */
export interface SimulatedResource {
  audience: string;
  scopes: string[];
  format?: 'jwt' | 'opaque';
}

/**
 * Behaviour hooks for the IdP simulators (test/harness/idp/): what oidc-provider's configuration cannot
 * express as plain data. Each simulator cites, beside its use of a hook, the catalogue row it reproduces.
 */
export interface SimulatorHooks {
  /** oidc-provider route paths (e.g. Keycloak's /protocol/openid-connect/auth). */
  routes?: Configuration['routes'];
  /** Extra authorization parameters oidc-provider keeps (e.g. Auth0's `audience`). */
  extraParams?: string[];
  /** Rewrites an authorization query or a token form body before oidc-provider reads it. */
  rewriteParams?: (endpoint: 'authorization' | 'token', params: URLSearchParams) => void;
  /** The resource server for a resource indicator; throw (e.g. `invalidTarget(...)`) to reject it, undefined for the registry's answer. */
  resourceServer?: (resource: string, invalidTarget: (description: string) => Error) => SimulatedResource | undefined;
  /** The resource used when the client sent none (from the requested scope, for Entra). */
  defaultResource?: (scope: string | undefined) => string | undefined;
  /** Answers a request itself instead of oidc-provider (an IdP's own error for an endpoint), by full path. */
  intercept?: (method: string, pathname: string) => { status: number; body: unknown } | undefined;
  /** oidc-provider's static scopes (default openid, offline_access): a client's `scope` gates only these. */
  scopes?: string[];
  /** Client metadata a registration gets when it omits it (e.g. Clerk's default `scope`). */
  clientDefaults?: Record<string, unknown>;
  /** Last word on a JWT access token's claims (Entra ver/tid, Keycloak aud, Cognito without aud). */
  jwtClaims?: (payload: Record<string, unknown>) => void;
}

/**
 * Removes `aud` from the signed JSON while oidc-provider still sees one: it refuses JWT access tokens
 * without an audience, but Cognito's have none (idp-quirks.md §5, fastmcp#3739). A non-enumerable
 * property is skipped by JSON.stringify, so the signed payload carries no `aud`.
 */
export function omitAudience(payload: Record<string, unknown>): void {
  const aud = payload.aud;
  delete payload.aud;
  Object.defineProperty(payload, 'aud', { value: aud, enumerable: false, writable: true, configurable: true });
}
