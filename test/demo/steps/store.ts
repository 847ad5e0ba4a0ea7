import type { DemoStep } from '../demo-context.js';

/**
 * After the login step: what is stored (status), a token for scripts (token print), then logout
 * (revocation at the AS, local delete) and status again, which now exits 4 for scripts to test.
 */
export const storeStep: DemoStep = {
  title: 'status, token print, logout: the stored credential, used and then revoked',
  async run(ctx) {
    const url = ctx.harness.mcpUrl;
    ctx.say('What is stored, and where the secret lives (no token is ever shown here):');
    await ctx.mcpauth(['status']);
    ctx.say('\nA fresh access token for scripts, e.g. curl -H "Authorization: Bearer $(mcpauth token print URL)". The only command that prints one:');
    await ctx.mcpauth(['token', 'print', url]);
    ctx.say('\nLog out: revoke at the authorization server (RFC 7009), then delete locally:');
    await ctx.mcpauth(['logout', url]);
    ctx.say('\nNothing usable is left, so status exits 4:');
    await ctx.mcpauth(['status', url], { expect: [4] });
  },
};
