import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorizationServerMetadataUrls,
  compareIssuer,
  compareResource,
  MAX_CHALLENGE_HEADER_CHARS,
  parseWwwAuthenticate,
  protectedResourceMetadataUrls,
} from '../../../src/core/discovery/index.js';
import { unsafeUrlReason } from '../../../src/core/probe/url-checks.js';

const headerChars = fc.constantFrom(...'Bearer Basic realm="x" , = \\ " error scope resource_metadata=https://a/b ==='.split(''));
const headerLike = fc.oneof(fc.string(), fc.string({ unit: headerChars, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }));
const urlLike = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), fc.constantFrom('javascript:alert(1)', 'data:,x', 'file:///etc/passwd', 'http://[::1]:8080/'));

describe('challenge and URL handling never throw and never hang', () => {
  it('parseWwwAuthenticate returns a verdict for any header value', async () => {
    await fc.assert(
      fc.asyncProperty(headerLike, async (header) => {
        const parsed = await parseWwwAuthenticate(header);
        expect(['parsed', 'malformed']).toContain(parsed.kind);
      }),
      { numRuns: 500 },
    );
  });

  // "Never hangs" is bounded by input size, not by a stopwatch: nothing longer than
  // MAX_CHALLENGE_HEADER_CHARS reaches the parser (next test), and the inputs that make backtracking
  // parsers blow up, at exactly that length, still get a verdict (the test timeout is the only clock).
  it.each([
    ['unterminated quotes', 'Bearer a="' + '\\"'.repeat(4000)],
    ['many empty parameters', 'Bearer ' + ', '.repeat(4000)],
    ['token68-like run', 'Bearer ' + '='.repeat(8000)],
    ['alternating schemes', 'Bearer a=b, Basic '.repeat(500)],
  ])('returns a verdict for a worst-case header at the size limit: %s', async (_name, text) => {
    const header = text.slice(0, MAX_CHALLENGE_HEADER_CHARS);
    expect(header.length).toBeLessThanOrEqual(MAX_CHALLENGE_HEADER_CHARS);
    const parsed = await parseWwwAuthenticate(header);
    expect(['parsed', 'malformed']).toContain(parsed.kind);
  });

  it('refuses an oversized header without parsing it', async () => {
    const parsed = await parseWwwAuthenticate(`Bearer ${'a=b, '.repeat(MAX_CHALLENGE_HEADER_CHARS)}`);
    expect(parsed.kind).toBe('malformed');
  });

  it('round-trips well-formed Bearer parameters, quotes and backslashes included', async () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', '\\', '/', ':', '='), maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(value, value, async (scope, url) => {
        const quote = (v: string): string => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
        const parsed = await parseWwwAuthenticate(`Bearer scope=${quote(scope)}, resource_metadata=${quote(url)}`);
        expect(parsed.kind === 'parsed' && parsed.challenges[0]?.parameters).toEqual({ scope, resource_metadata: url });
      }),
      { numRuns: 300 },
    );
  });

  it('URL builders and comparisons never throw on any absolute URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), urlLike, (url, other) => {
        for (const c of [...protectedResourceMetadataUrls(url), ...authorizationServerMetadataUrls(url)]) {
          expect(new URL(c.url).hash).toBe('');
          expect(new URL(c.url).pathname).toContain('/.well-known/');
        }
        expect(['exact', 'near', 'mismatch', 'missing']).toContain(compareResource(other, url).kind);
        expect(['exact', 'near', 'mismatch', 'missing']).toContain(compareIssuer(other, url).kind);
        expect(compareResource(url, url).kind).toBe('exact');
        const reason = unsafeUrlReason(other);
        expect(reason === undefined || typeof reason === 'string').toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never calls a non-http(s) URL safe', () => {
    fc.assert(
      fc.property(fc.constantFrom('javascript:', 'data:', 'file:', 'ftp:', 'vbscript:'), fc.string(), (scheme, rest) => {
        expect(unsafeUrlReason(`${scheme}//${rest}`)).toBeDefined();
      }),
    );
  });
});
