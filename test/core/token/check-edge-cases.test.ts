import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { inspectToken } from '../../../src/core/token/inspect-token.js';

const NOW = 1_900_000_000;
const deps = { fetch: globalThis.fetch, now: () => new Date(NOW * 1000) };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'k' }] };

describe('token checks: edge cases a real AS does not produce', () => {
  it('calls an HS256 token weak when the issuer publishes a JWKS', async () => {
    const token = await new SignJWT({ iss: 'https://as', exp: NOW + 60 }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(new TextEncoder().encode('x'.repeat(32)));
    const result = await inspectToken({ token, expected: { issuerHasJwks: true }, keys: { kind: 'local', jwks, origin: 'jwks.json' } }, deps);
    expect(result.findings.map((f) => f.id)).toEqual(['token-alg-weak', 'token-signature-invalid']);
    expect(result.findings[0]?.message).toBe('alg is HS256 (a shared secret) although the issuer publishes a JWKS: a public issuer must sign asymmetrically.');
  });

  it('treats a non-numeric exp as malformed, and an iat in the future as not yet valid', async () => {
    const bad = await inspectToken({ token: `${b64({ alg: 'ES256', typ: 'at+jwt' })}.${b64({ exp: 'tomorrow' })}.c2ln`, expected: {} }, deps);
    expect(bad.findings.map((f) => [f.id, f.message])).toContainEqual(['token-malformed', 'The exp claim is "tomorrow", not a NumericDate (RFC 7519 §2).']);
    const future = await inspectToken({ token: `${b64({ alg: 'ES256', typ: 'at+jwt' })}.${b64({ iat: NOW + 7200, exp: NOW + 7800 })}.c2ln`, expected: {} }, deps);
    expect(future.findings.map((f) => f.id)).toEqual(['token-not-yet-valid', 'token-unverified']);
    expect(future.times.map((t) => `${t.claim} ${t.at} ${t.relative}`)).toEqual(['iat 2030-03-17T19:46:40Z in 2 h', 'exp 2030-03-17T19:56:40Z in 2 h 10 min']);
  });

  it('points out an audience that differs only by a trailing slash', async () => {
    const token = `${b64({ alg: 'ES256', typ: 'at+jwt' })}.${b64({ aud: 'https://mcp.example/mcp/', exp: NOW + 60 })}.c2ln`;
    const result = await inspectToken({ token, expected: { audience: 'https://mcp.example/mcp', audienceSource: '--audience' } }, deps);
    expect(result.findings[0]?.message).toBe('aud is https://mcp.example/mcp/, but --audience is https://mcp.example/mcp. They differ only by a trailing slash, which is still another audience.');
  });
});
