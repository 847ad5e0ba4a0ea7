import type { CheckContext } from './check-context.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';

// OIDC Core §2/§3.1.3.6: claims only an ID token carries (auth_time is also allowed in RFC 9068 §2.2.1).
const ID_TOKEN_CLAIMS = ['nonce', 'at_hash', 'c_hash'];

/**
 * An OpenID ID token sent as a bearer token is a classic mistake: its aud is the client id, and
 * RFC 9068 §4 tells resource servers to reject anything not typed at+jwt.
 */
export function checkTokenType(ctx: CheckContext): TokenFinding[] {
  const typ = ctx.summary.type?.toLowerCase();
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return [];
  const present = ID_TOKEN_CLAIMS.filter((name) => ctx.claims[name] !== undefined);
  if (present.length === 0) return [];
  return [tokenFinding('token-id-token', `This looks like an OpenID ID token: it has ${present.join(', ')}, and typ is ${ctx.summary.type ?? 'absent'}, not at+jwt.`)];
}
