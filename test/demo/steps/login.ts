import { fileURLToPath } from 'node:url';
import type { DemoStep } from '../demo-context.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The demo's "browser": signs in as alice and consents with the harness consent driver, then
// delivers the redirect to mcpauth's loopback listener, exactly as a person's browser would.
const CONSENT_BROWSER = `${ROOT}node_modules/.bin/tsx ${ROOT}test/commands/fixtures/consent-browser.ts`;

/** login through the loopback redirect, then call a tool, then a step-up for the guarded tool. */
export const loginStep: DemoStep = {
  title: 'login and call: a stored credential that works, and a step-up when a tool needs more',
  async run(ctx) {
    const env = { MCPAUTH_BROWSER: CONSENT_BROWSER, MCPAUTH_NO_KEYCHAIN: '1' };
    ctx.say('Discovery, client registration (DCR, native), PKCE + state + resource, the callback on 127.0.0.1, and the proof.');
    ctx.say('(The "browser" here is a small program that signs in and consents for you: --browser / MCPAUTH_BROWSER.)');
    await ctx.mcpauth(['login', ctx.harness.mcpUrl], { env });
    ctx.say('\nThe stored credential in use: call a tool (no token is ever printed).');
    await ctx.mcpauth(['call', ctx.harness.mcpUrl, 'echo', '--args', '{"text":"hello from mcpauth"}'], { env });
    ctx.say('\nadmin-reset needs mcp:admin: the server answers 403 insufficient_scope and mcpauth steps up with the union of scopes.');
    await ctx.mcpauth(['call', ctx.harness.mcpUrl, 'admin-reset', '--step-up'], { env });
  },
};
