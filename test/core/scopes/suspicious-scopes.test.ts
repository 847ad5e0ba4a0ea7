import { describe, expect, it } from 'vitest';
import { flagAdminScopes, flagBroadScopes, flagOfflineAccess } from '../../../src/core/scopes/suspicious-scopes.js';

const ids = (findings: { id: string }[]) => findings.map((f) => f.id);

describe('suspicious scopes', () => {
  it('flags wildcards and all-powerful scopes, naming where they were seen', () => {
    const findings = flagBroadScopes([{ where: 'the credential', scopes: ['files:*', 'read'] }, { where: 'the PRM scopes_supported', scopes: ['ALL', '*'] }]);
    expect(findings.map((f) => [f.id, f.message])).toEqual([
      ['scope-wildcard', 'The credential includes the wildcard "files:*".'],
      ['scope-all', 'The PRM scopes_supported includes "ALL", "*", a scope that grants everything.'],
    ]);
    expect(flagBroadScopes([{ where: 'x', scopes: ['files:read', 'allow-list', 'overall'] }])).toEqual([]);
  });

  it('flags admin-like scopes held without being needed, and in the first challenge', () => {
    expect(ids(flagAdminScopes(['mcp:admin', 'read'], ['read'], ['read']))).toEqual(['scope-admin-like']);
    expect(flagAdminScopes(['mcp:admin'], ['mcp:admin'], undefined)).toEqual([]);
    expect(flagAdminScopes(['badminton', 'administrative'], [], undefined)).toEqual([]);
    expect(flagAdminScopes([], [], ['org.admin'])[0]?.message).toBe(`The server's 401 challenge asks every client for "org.admin" at first contact.`);
  });

  it('flags offline_access in the challenge or the PRM only', () => {
    expect(flagOfflineAccess(['a'], ['a'])).toEqual([]);
    expect(flagOfflineAccess(['offline_access'], ['offline_access'])[0]?.message).toBe(
      "offline_access appears in the 401 challenge's scope and the PRM scopes_supported; it is the authorization server's to offer.",
    );
  });
});
