import { describe, expect, it } from 'vitest';
import { decodeToken, normalizeTokenInput } from '../../../src/core/token/decode-token.js';
import { summarizeToken } from '../../../src/core/token/token-summary.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('decodeToken', () => {
  it('strips what a copy-paste adds', () => {
    expect(normalizeTokenInput('  "Bearer abc.def"\n')).toBe('abc.def');
    expect(normalizeTokenInput("'xyz'")).toBe('xyz');
  });

  it('tells JWT, JWE, opaque and malformed apart', () => {
    expect(decodeToken(`${b64({ alg: 'ES256' })}.${b64({ sub: 'a' })}.sig`)).toEqual({ format: 'jwt', header: { alg: 'ES256' }, claims: { sub: 'a' } });
    expect(decodeToken(`${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a.b.c.d`)).toMatchObject({ format: 'opaque', reason: 'it is an encrypted JWT (JWE): only its issuer can read it' });
    expect(decodeToken('2YotnFZFEjr1zCsicMWpAA')).toMatchObject({ format: 'opaque' });
    expect(decodeToken('')).toEqual({ format: 'malformed', reason: 'the token is empty' });
    expect(decodeToken('has space')).toMatchObject({ format: 'malformed' });
    expect(decodeToken(`${b64({ alg: 'ES256' })}.bm90IGpzb24.sig`)).toMatchObject({ format: 'malformed', reason: expect.stringContaining('claims do not decode') });
  });
});

describe('summarizeToken', () => {
  it('reads scp arrays, multiple audiences and a DPoP binding', () => {
    const summary = summarizeToken({ alg: 'RS256', kid: 'k' }, { scp: ['a', 'b', 3], aud: ['x', 'y'], azp: 'client', cnf: { jkt: 'thumb' }, exp: 'soon' });
    expect(summary).toMatchObject({ scopes: ['a', 'b'], scopeClaim: 'scp', audience: ['x', 'y'], clientId: 'client', binding: { kind: 'dpop', thumbprint: 'thumb' }, expiresAt: undefined });
  });
});
