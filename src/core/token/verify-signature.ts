import { createLocalJWKSet, createRemoteJWKSet, customFetch, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { HttpClient } from '../http/client.js';

/** Where the verification keys come from: the issuer's jwks_uri, or a JWKS the user handed over. */
export type KeySource =
  | { kind: 'remote'; url: string; origin: string }
  | { kind: 'local'; jwks: unknown; origin: string };

export type SignatureCheck =
  | { status: 'valid' }
  | { status: 'invalid'; reason: string }
  | { status: 'unverifiable'; reason: string };

export interface VerifyDeps {
  fetch: HttpClient['fetch'];
  now: () => Date;
}

// jose verifies the signature before it validates any claim (jwtVerify -> compactVerify -> claims),
// so a claim error proves the signature was good. Our own checks explain the claims.
const CLAIM_ERRORS = new Set(['ERR_JWT_EXPIRED', 'ERR_JWT_CLAIM_VALIDATION_FAILED']);
const INVALID_ERRORS = new Set(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);

/** Checks only the signature of a compact JWS against a JWKS (jose jwtVerify + createRemoteJWKSet / createLocalJWKSet). */
export async function verifySignature(token: string, keys: KeySource, deps: VerifyDeps): Promise<SignatureCheck> {
  let getKey: JWTVerifyGetKey;
  try {
    getKey = keys.kind === 'remote'
      ? createRemoteJWKSet(new URL(keys.url), { [customFetch]: deps.fetch as never, cooldownDuration: 0 })
      : createLocalJWKSet(keys.jwks as JSONWebKeySet);
  } catch (error) {
    return { status: 'unverifiable', reason: `the JWKS from ${keys.origin} is not usable (${messageOf(error)})` };
  }
  try {
    await jwtVerify(token, getKey, { currentDate: deps.now() });
    return { status: 'valid' };
  } catch (error) {
    return classifyVerifyError(error, keys);
  }
}

function classifyVerifyError(error: unknown, keys: KeySource): SignatureCheck {
  const code = codeOf(error);
  if (CLAIM_ERRORS.has(code)) return { status: 'valid' };
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
    return { status: 'invalid', reason: `the signature does not match the key from ${keys.origin}` };
  }
  if (INVALID_ERRORS.has(code)) {
    return { status: 'invalid', reason: `no single key in the JWKS from ${keys.origin} matches the token's kid and alg (${messageOf(error)})` };
  }
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID' || code === 'ERR_JOSE_ALG_NOT_ALLOWED' || code === 'ERR_JOSE_NOT_SUPPORTED') {
    return { status: 'invalid', reason: `jose refused the token against ${keys.origin}: ${messageOf(error)}` };
  }
  if (code === 'ERR_JWKS_TIMEOUT') return { status: 'unverifiable', reason: `the JWKS at ${keys.origin} did not answer in time` };
  return { status: 'unverifiable', reason: `the JWKS at ${keys.origin} could not be used: ${messageOf(error)}` };
}

function codeOf(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
