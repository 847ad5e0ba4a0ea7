import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { decodeToken } from '../../src/core/token/decode-token.js';
import { inspectToken } from '../../src/core/token/inspect-token.js';
import { createTestDeps } from '../helpers/test-deps.js';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

// JWT-shaped strings whose header and claims are arbitrary JSON (wrong types, nested junk, huge numbers).
const jwtLike = fc
  .tuple(fc.oneof(fc.jsonValue(), fc.record({ alg: fc.oneof(fc.constant('none'), fc.constant('HS256'), fc.string()), typ: fc.string() })), fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('exp', 'nbf', 'iat', 'aud', 'scope', 'scp', 'cnf', 'iss', 'nonce'), fc.jsonValue())), fc.string())
  .map(([header, claims, sig]) => `${b64url(header)}.${b64url(claims)}.${b64url(sig)}`);

const anyToken = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), jwtLike, fc.stringMatching(/^[A-Za-z0-9._~+/-]{1,200}=*$/));

describe('token inspect never crashes', () => {
  it('decodeToken classifies any string', () => {
    fc.assert(fc.property(anyToken, (token) => {
      expect(['jwt', 'opaque', 'malformed']).toContain(decodeToken(token).format);
    }), { numRuns: 500 });
  });

  it('inspectToken returns findings for any token and never prints it', async () => {
    await fc.assert(fc.asyncProperty(anyToken, fc.integer({ min: 0, max: 4_000_000_000 }), async (token, seconds) => {
      const result = await inspectToken({ token, expected: { audience: 'https://mcp.example/mcp', needScopes: ['a'] } }, { fetch: globalThis.fetch, now: () => new Date(seconds * 1000) });
      expect(result.findings.length).toBeGreaterThan(0);
      if (token.trim().length >= 12) expect(JSON.stringify({ ...result, claims: null, header: null })).not.toContain(token.trim());
    }), { numRuns: 300 });
  });

  it('the command exits 0 or 1 for any token on stdin, in both output modes', async () => {
    await fc.assert(fc.asyncProperty(anyToken, fc.boolean(), async (token, json) => {
      const deps = createTestDeps({ stdin: token });
      const code = await runCli([...(json ? ['--json'] : []), 'token', 'inspect', '-', '--audience', 'https://x.example'], deps);
      expect([0, 1]).toContain(code);
      expect(deps.io.err()).toBe('');
      if (json) expect(() => JSON.parse(deps.io.out())).not.toThrow();
    }), { numRuns: 200 });
  });
});
