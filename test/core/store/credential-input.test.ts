import { describe, expect, it } from 'vitest';
import { credentialInputFromTokens } from '../../../src/core/store/credential-input.js';

const context = {
  serverUrl: 'https://mcp.example.com/mcp',
  resource: 'https://mcp.example.com/mcp',
  as: { issuer: 'https://as.example.com', token_endpoint: 'https://as.example.com/token', revocation_endpoint: 'https://as.example.com/revoke' },
  clientId: 'c',
  tokenEndpointAuthMethod: 'client_secret_post',
  clientSecret: 'cs',
  requestedScopes: ['mcp:tools', 'mcp:admin'],
  now: new Date('2026-01-01T00:00:00Z'),
};

describe('credentialInputFromTokens', () => {
  it('keeps granted scopes, expiry, endpoints and puts every secret under secrets', () => {
    const input = credentialInputFromTokens({ access_token: 'opaque', token_type: 'Bearer', expires_in: 600, refresh_token: 'rt', scope: 'mcp:tools' }, context);
    expect(input).toEqual({
      serverUrl: 'https://mcp.example.com/mcp',
      resource: 'https://mcp.example.com/mcp',
      issuer: 'https://as.example.com',
      clientId: 'c',
      tokenEndpointAuthMethod: 'client_secret_post',
      scopes: ['mcp:tools'],
      tokenType: 'bearer',
      tokenEndpoint: 'https://as.example.com/token',
      revocationEndpoint: 'https://as.example.com/revoke',
      accessTokenExpiresAt: '2026-01-01T00:10:00.000Z',
      secrets: { accessToken: 'opaque', refreshToken: 'rt', clientSecret: 'cs' },
    });
  });

  it('falls back to the requested scopes and reads sub from a JWT access token', () => {
    const jwt = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ sub: 'alice' })).toString('base64url')}.`;
    const input = credentialInputFromTokens({ access_token: jwt, token_type: 'bearer' }, context);
    expect(input.scopes).toEqual(['mcp:tools', 'mcp:admin']);
    expect(input.subject).toBe('alice');
    expect(input.accessTokenExpiresAt).toBeUndefined();
  });

  it('refuses AS metadata without a token endpoint', () => {
    expect(() => credentialInputFromTokens({ access_token: 'a', token_type: 'bearer' }, { ...context, as: { issuer: 'https://as.example.com' } })).toThrow(/no token_endpoint/);
  });
});
