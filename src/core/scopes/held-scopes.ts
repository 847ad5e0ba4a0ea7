import { decodeToken } from '../token/decode-token.js';
import { readScopes } from '../token/token-summary.js';

/** What the stored credential holds, and where that knowledge comes from. */
export interface HeldScopes {
  source: 'token-claim' | 'token-response' | 'none';
  scopes: string[];
}

/**
 * A JWT access token's own scope claim is what the server will read, so it wins; otherwise the scope
 * the token response granted (RFC 6749 §5.1), as the store kept it.
 */
export function heldScopes(stored: { accessToken: string; grantedScopes: readonly string[] } | undefined): HeldScopes {
  if (stored === undefined) return { source: 'none', scopes: [] };
  const decoded = decodeToken(stored.accessToken);
  if (decoded.format === 'jwt') {
    const { scopes } = readScopes(decoded.claims);
    if (scopes !== undefined) return { source: 'token-claim', scopes };
  }
  return { source: 'token-response', scopes: [...stored.grantedScopes] };
}
