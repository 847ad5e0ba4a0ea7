import type { CheckContext } from './check-context.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

/**
 * RFC 9068 §4: iss MUST exactly match the AS issuer identifier (RFC 8414 §2). MCP 2025-11-25 forbids
 * sending a server tokens from any other AS, so a mismatch explains a 401 on its own.
 */
export function checkIssuer(ctx: CheckContext): TokenFinding[] {
  const expected = ctx.expected.issuer;
  if (expected === undefined) return [];
  const actual = ctx.summary.issuer;
  const source = ctx.expected.issuerSource ?? 'the expected issuer';
  if (actual === undefined) return [tokenFinding('token-issuer-mismatch', `The token has no iss claim; ${source} is ${expected}.`)];
  if (actual === expected) return [];
  return [tokenFinding('token-issuer-mismatch', `iss is ${actual}, but ${source} is ${expected}.`)];
}
