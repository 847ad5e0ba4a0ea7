import type { CheckContext } from './check-context.js';
import { describeDuration, describeInstant } from './describe-time.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

const DAY_SECONDS = 24 * 3600;

/** exp (RFC 7519 §4.1.4) with the clock tolerance; its absence and a lifetime over 24 h (MCP: SHOULD be short-lived). */
export function checkExpiry(ctx: CheckContext): TokenFinding[] {
  const { expiresAt, issuedAt } = ctx.summary;
  if (ctx.claims.exp !== undefined && expiresAt === undefined) {
    return [tokenFinding('token-malformed', `The exp claim is ${JSON.stringify(ctx.claims.exp)}, not a NumericDate (RFC 7519 §2).`)];
  }
  if (expiresAt === undefined) {
    return [tokenFinding('token-no-expiry', 'The token has no exp claim: it never expires unless the server tracks it.')];
  }
  if (expiresAt <= ctx.nowSeconds - ctx.toleranceSeconds) {
    const ago = describeDuration(ctx.nowSeconds - expiresAt);
    return [tokenFinding('token-expired', `exp is ${describeInstant(expiresAt)}: the token expired ${ago} ago (clock tolerance ${ctx.toleranceSeconds} s).`)];
  }
  // Past exp but inside the tolerance: not an error here, yet a server with a stricter clock (and
  // `probe --stored`) already treats it as expired, so it is a warning with the seconds.
  if (expiresAt <= ctx.nowSeconds) {
    const seconds = ctx.nowSeconds - expiresAt;
    return [tokenFinding('token-expiry-tolerated', `exp is ${describeInstant(expiresAt)}: the token expired ${seconds} s ago, inside the ${ctx.toleranceSeconds} s clock tolerance; servers with a stricter clock refuse it.`)];
  }
  const start = issuedAt ?? ctx.nowSeconds;
  const lifetime = expiresAt - start;
  if (lifetime > DAY_SECONDS) {
    const from = issuedAt === undefined ? 'from now' : 'from iat to exp';
    return [tokenFinding('token-long-lived', `The token lives ${describeDuration(lifetime)} (${from}), more than 24 h.`)];
  }
  return [];
}
