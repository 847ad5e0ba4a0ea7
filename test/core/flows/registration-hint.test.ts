import { describe, expect, it } from 'vitest';
import { registrationHint, SUGGESTED_CALLBACK_PORT } from '../../../src/core/flows/client-identity.js';

describe('the hand-registration hint', () => {
  it('a random loopback port: advises a fixed --port, and explains RFC 8252 port-agnostic matching', () => {
    const hint = registrationHint('http://127.0.0.1:53127/callback', false);
    expect(hint).toContain(`redirect URI http://127.0.0.1:${SUGGESTED_CALLBACK_PORT}/callback and log in with --port ${SUGGESTED_CALLBACK_PORT}`);
    expect(hint).toContain('RFC 8252 §7.3');
    expect(hint).toContain('http://127.0.0.1/callback');
    expect(hint).not.toContain('53127');
  });

  it('a port the user fixed (or a pinned one) is given as it is', () => {
    expect(registrationHint('http://127.0.0.1:8765/callback', true)).toMatch(/^Register a client there with the redirect URI http:\/\/127\.0\.0\.1:8765\/callback, then pass --client-id/);
  });
});
