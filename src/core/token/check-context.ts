import type { JsonObject } from './decode-token.js';
import type { TokenFinding } from './token-findings.js';
import type { TokenSummary } from './token-summary.js';

/** What the token is checked against. Every field is optional: a check without its input is skipped. */
export interface TokenExpectations {
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Where `audience` came from, for messages ("--audience", "the server's PRM resource"). */
  audienceSource?: string | undefined;
  issuerSource?: string | undefined;
  needScopes?: readonly string[] | undefined;
  needSource?: string | undefined;
  /** The issuer publishes a JWKS (public, asymmetric keys): a symmetric alg is then wrong. */
  issuerHasJwks?: boolean | undefined;
}

/** The input of every check: data only, the clock already read. */
export interface CheckContext {
  header: JsonObject | undefined;
  claims: JsonObject;
  summary: TokenSummary;
  nowSeconds: number;
  toleranceSeconds: number;
  expected: TokenExpectations;
}

export type TokenCheck = (ctx: CheckContext) => TokenFinding[];
