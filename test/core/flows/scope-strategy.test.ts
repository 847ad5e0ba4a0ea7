import { describe, expect, it } from 'vitest';
import { chooseScopes, unionScopes } from '../../../src/core/flows/scope-strategy.js';

describe('chooseScopes ([25-11 L335-340])', () => {
  it('prefers the challenge, then PRM scopes_supported, else omits', () => {
    expect(chooseScopes({ challengeScope: 'a b', prmScopesSupported: ['c'] })).toEqual({ scope: 'a b', source: 'challenge', addedOfflineAccess: false });
    expect(chooseScopes({ prmScopesSupported: ['c', 'd'] })).toEqual({ scope: 'c d', source: 'scopes_supported', addedOfflineAccess: false });
    expect(chooseScopes({})).toEqual({ scope: undefined, source: 'omitted', addedOfflineAccess: false });
  });

  it('adds offline_access only when the AS lists it; --scope is taken literally', () => {
    expect(chooseScopes({ challengeScope: 'a', asScopesSupported: ['openid', 'offline_access'] }).scope).toBe('a offline_access');
    expect(chooseScopes({ challengeScope: 'a', asScopesSupported: ['openid'] }).scope).toBe('a');
    expect(chooseScopes({ override: ' x  y ', challengeScope: 'a', asScopesSupported: ['offline_access'] })).toEqual({ scope: 'x y', source: 'flag', addedOfflineAccess: false });
  });

  it('unionScopes keeps order and drops duplicates (SEP-2350)', () => {
    expect(unionScopes(['mcp:basic'], 'mcp:write mcp:basic')).toEqual(['mcp:basic', 'mcp:write']);
  });
});
