import { describe, expect, it } from 'vitest';
import { checkOpenableUrl, openInBrowser } from '../../src/platform/browser.js';

describe('checkOpenableUrl (CVE-2025-6514)', () => {
  it.each([
    ['javascript:alert(1)', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['data:text/html,x', 'scheme'],
    ['vbscript:msgbox', 'scheme'],
    ['https://user:pw@as.example.com/authorize', 'user name'],
    ['https://as.example.com/a b', 'whitespace'],
    ['https://as.example.com/\u001b[31m', 'control'],
    ['http://as.example.com/authorize', 'loopback'],
    ['not a url', 'whitespace'],
  ])('refuses %s', (url, reason) => {
    expect(() => checkOpenableUrl(url, false)).toThrow(reason);
  });

  it('accepts https, and http on loopback or with --allow-http', () => {
    expect(checkOpenableUrl('https://as.example.com/authorize?x=1', false).href).toBe('https://as.example.com/authorize?x=1');
    expect(checkOpenableUrl('http://127.0.0.1:8080/authorize', false).host).toBe('127.0.0.1:8080');
    expect(checkOpenableUrl('http://as.internal/authorize', true).host).toBe('as.internal');
  });

  it('--no-browser opens nothing; a missing program is reported, not thrown', async () => {
    const url = new URL('https://as.example.com/authorize');
    expect(await openInBrowser(url, { kind: 'print' }, { platform: 'linux', allowHttp: false })).toEqual({ opened: false, reason: '--no-browser' });
    const missing = await openInBrowser(url, { kind: 'program', program: '/nonexistent/browser' }, { platform: 'linux', allowHttp: false });
    expect(missing.opened).toBe(false);
    expect(missing.reason).toContain('could not be started');
  });
});
