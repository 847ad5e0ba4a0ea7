import type { CheckContext } from './check-context.js';
import { describeDuration, describeInstant } from './describe-time.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

/** nbf (RFC 7519 §4.1.5) and an iat in the future: both mean a clock skew or a token from the future. */
export function checkNotBefore(ctx: CheckContext): TokenFinding[] {
  const limit = ctx.nowSeconds + ctx.toleranceSeconds;
  const { notBefore, issuedAt } = ctx.summary;
  if (notBefore !== undefined && notBefore > limit) {
    const wait = describeDuration(notBefore - ctx.nowSeconds);
    return [tokenFinding('token-not-yet-valid', `nbf is ${describeInstant(notBefore)}: the token becomes valid in ${wait} (clock tolerance ${ctx.toleranceSeconds} s).`)];
  }
  if (issuedAt !== undefined && issuedAt > limit) {
    const ahead = describeDuration(issuedAt - ctx.nowSeconds);
    return [tokenFinding('token-not-yet-valid', `iat is ${describeInstant(issuedAt)}, ${ahead} in the future: a clock is wrong here or at the issuer.`)];
  }
  return [];
}
