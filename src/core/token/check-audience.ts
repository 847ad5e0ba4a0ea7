import type { CheckContext } from './check-context.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

/**
 * MCP 2025-11-25 §Token Audience Binding: the server MUST only accept tokens whose audience is itself
 * (RFC 8707 §2, RFC 9068 §4). Compared exactly, as a resource server does: a trailing slash or another
 * path is another audience, and that is the most common cause of a 401 after a correct login.
 */
export function checkAudience(ctx: CheckContext): TokenFinding[] {
  const expected = ctx.expected.audience;
  if (expected === undefined) return [];
  const actual = ctx.summary.audience;
  if (actual.includes(expected)) return [];
  const source = ctx.expected.audienceSource ?? 'expected';
  if (actual.length === 0) {
    return [tokenFinding('token-audience-mismatch', `The token has no aud claim; ${source} is ${expected}.`)];
  }
  const near = actual.find((aud) => sameIgnoringTrailingSlash(aud, expected));
  const hint = near === undefined ? '' : ' They differ only by a trailing slash, which is still another audience.';
  return [tokenFinding('token-audience-mismatch', `aud is ${formatList(actual)}, but ${source} is ${expected}.${hint}`)];
}

function sameIgnoringTrailingSlash(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export function formatList(values: readonly string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `[${values.join(', ')}]`;
}
