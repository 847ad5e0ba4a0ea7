import type { CheckContext } from './check-context.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

/**
 * RFC 8725 §3.1-3.2: "none" is never acceptable for an access token, and an HMAC alg means the verifier
 * holds the signing secret; RFC 9068 §2.1 requires asymmetric signing when the AS publishes its keys.
 */
export function checkAlgorithm(ctx: CheckContext): TokenFinding[] {
  const alg = ctx.summary.algorithm;
  if (alg === undefined) return [tokenFinding('token-malformed', 'The JWT header has no alg (RFC 7515 §4.1.1).')];
  if (alg.toLowerCase() === 'none') return [tokenFinding('token-alg-weak', 'alg is "none": the token is not signed, anyone can forge it.')];
  if (/^HS\d+$/i.test(alg) && ctx.expected.issuerHasJwks === true) {
    return [tokenFinding('token-alg-weak', `alg is ${alg} (a shared secret) although the issuer publishes a JWKS: a public issuer must sign asymmetrically.`)];
  }
  return [];
}
