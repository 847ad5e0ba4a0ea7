import { describe, expect, it } from 'vitest';
import { maskHeaderValue, maskSecret, maskUrl, shortHash } from '../../../src/core/secrets/mask.js';

describe('masking', () => {
  it('keeps a short prefix, the length and a short hash, never the secret', () => {
    const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
    const masked = maskSecret(secret);
    expect(masked).toBe(`ghp_…[40 chars, #${shortHash(secret)}]`);
    expect(masked).not.toContain('abcdef');
  });

  it('shows no prefix for very short secrets', () => {
    expect(maskSecret('abc')).toMatch(/^…\[3 chars, #[0-9a-f]{8}\]$/);
    expect(maskSecret('')).toBe('(empty)');
  });

  it('masks credential headers but keeps the scheme', () => {
    expect(maskHeaderValue('Authorization', 'Bearer tok3n-value-123')).toMatch(/^Bearer tok…\[15 chars, #[0-9a-f]{8}\]$/);
    expect(maskHeaderValue('cookie', 'sid=abcdef')).not.toContain('abcdef');
    expect(maskHeaderValue('content-type', 'application/json')).toBe('application/json');
  });

  it('masks URL passwords and credential query parameters', () => {
    const masked = maskUrl('https://user:hunter2@example.com/cb?code=SECRETCODE1234&state=abc&access_token=TOKENVALUE9999');
    expect(masked).not.toMatch(/hunter2|SECRETCODE1234|TOKENVALUE9999/);
    expect(masked).toContain('state=abc');
    expect(masked).toContain('user:masked@');
  });
});
