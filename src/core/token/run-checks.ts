import { checkAlgorithm } from './check-algorithm.js';
import { checkAudience } from './check-audience.js';
import type { CheckContext, TokenCheck } from './check-context.js';
import { checkExpiry } from './check-expiry.js';
import { checkIssuer } from './check-issuer.js';
import { checkNotBefore } from './check-not-before.js';
import { checkScopes } from './check-scopes.js';
import { checkTokenType } from './check-token-type.js';
import type { TokenFinding } from './token-findings.js';

/** The claim checks, in the order a person reads them: what it is, when it is valid, for whom, with what. */
export const JWT_CHECKS: readonly TokenCheck[] = [checkAlgorithm, checkTokenType, checkExpiry, checkNotBefore, checkIssuer, checkAudience, checkScopes];

/** An introspection response (RFC 7662 §2.2) uses the JWT claim names but has no header. */
export const INTROSPECTION_CHECKS: readonly TokenCheck[] = [checkExpiry, checkNotBefore, checkIssuer, checkAudience, checkScopes];

export function runChecks(checks: readonly TokenCheck[], ctx: CheckContext): TokenFinding[] {
  return checks.flatMap((check) => check(ctx));
}
