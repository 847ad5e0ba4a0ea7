import type { CheckContext } from './check-context.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

/** Every needed scope must be in the token's scope (or scp) claim; RFC 6749 §3.3 scopes are case-sensitive. */
export function checkScopes(ctx: CheckContext): TokenFinding[] {
  const needed = ctx.expected.needScopes ?? [];
  if (needed.length === 0) return [];
  const held = ctx.summary.scopes ?? [];
  const missing = needed.filter((scope) => !held.includes(scope));
  if (missing.length === 0) return [];
  const source = ctx.expected.needSource ?? '--need';
  const holds = ctx.summary.scopes === undefined ? 'no scope claim' : held.length === 0 ? 'an empty scope' : `"${held.join(' ')}"`;
  return [tokenFinding('token-scope-missing', `Missing ${missing.map((s) => `"${s}"`).join(', ')} (needed by ${source}); the token holds ${holds}.`)];
}
