import type { JsonObject } from './decode-token.js';

/** The claims a person debugging a 401/403 looks for, pulled out of untrusted JSON defensively. */
export interface TokenSummary {
  algorithm: string | undefined;
  keyId: string | undefined;
  type: string | undefined;
  issuer: string | undefined;
  subject: string | undefined;
  audience: string[];
  clientId: string | undefined;
  /** undefined when the token carries no scope claim at all (not the same as an empty one). */
  scopes: string[] | undefined;
  scopeClaim: 'scope' | 'scp' | undefined;
  issuedAt: number | undefined;
  notBefore: number | undefined;
  expiresAt: number | undefined;
  binding: TokenBinding | undefined;
}

export type TokenBinding =
  | { kind: 'dpop'; thumbprint: string }
  | { kind: 'mtls'; thumbprint: string }
  | { kind: 'other'; members: string[] };

export function summarizeToken(header: JsonObject | undefined, claims: JsonObject): TokenSummary {
  return {
    algorithm: stringOf(header?.alg),
    keyId: stringOf(header?.kid),
    type: stringOf(header?.typ),
    issuer: stringOf(claims.iss),
    subject: stringOf(claims.sub),
    audience: stringList(claims.aud),
    clientId: stringOf(claims.client_id) ?? stringOf(claims.azp),
    ...readScopes(claims),
    issuedAt: numberOf(claims.iat),
    notBefore: numberOf(claims.nbf),
    expiresAt: numberOf(claims.exp),
    binding: readBinding(claims.cnf),
  };
}

/** RFC 9068 §2.2.3 / RFC 8693 `scope` is a space-separated string; Azure AD and others use `scp` (string or array). */
export function readScopes(claims: JsonObject): Pick<TokenSummary, 'scopes' | 'scopeClaim'> {
  if (typeof claims.scope === 'string') return { scopes: splitScopes(claims.scope), scopeClaim: 'scope' };
  if (Array.isArray(claims.scope)) return { scopes: stringList(claims.scope), scopeClaim: 'scope' };
  if (typeof claims.scp === 'string') return { scopes: splitScopes(claims.scp), scopeClaim: 'scp' };
  if (Array.isArray(claims.scp)) return { scopes: stringList(claims.scp), scopeClaim: 'scp' };
  return { scopes: undefined, scopeClaim: undefined };
}

export function splitScopes(value: string): string[] {
  return value.split(/\s+/).filter((scope) => scope.length > 0);
}

// RFC 7800 cnf: RFC 9449 §6 jkt (DPoP), RFC 8705 §3.1 x5t#S256 (mutual TLS).
function readBinding(cnf: unknown): TokenBinding | undefined {
  if (cnf === null || typeof cnf !== 'object' || Array.isArray(cnf)) return undefined;
  const members = cnf as JsonObject;
  const jkt = stringOf(members.jkt);
  if (jkt !== undefined) return { kind: 'dpop', thumbprint: jkt };
  const x5t = stringOf(members['x5t#S256']);
  if (x5t !== undefined) return { kind: 'mtls', thumbprint: x5t };
  return { kind: 'other', members: Object.keys(members) };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
