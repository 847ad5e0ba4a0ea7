import type { DemoStep } from '../demo-context.js';

/**
 * `token inspect` on the token the login step stored in the demo's MCPAUTH_HOME (ctx.home, passed to
 * every run by ctx.mcpauth), verified against the server's own issuer and resource; then a token the
 * same AS signed for another audience, piped on stdin, to show a finding and exit code 1.
 */
export const tokenInspectStep: DemoStep = {
  title: 'token inspect: what is in the stored token, and would the server accept it?',
  async run(ctx) {
    const url = ctx.harness.mcpUrl;
    ctx.say('The stored token, decoded and verified via discovery (PRM -> AS metadata -> jwks_uri). The token itself stays masked:');
    await ctx.mcpauth(['token', 'inspect', '--server', url]);
    const other = new URL('/other-mcp', url).href;
    const foreign = await ctx.harness.as.signAccessToken({ aud: other });
    ctx.say(`\nA token from the same AS, but issued for ${other} (piped on stdin, so it never lands in shell history):`);
    await ctx.mcpauth(['token', 'inspect', '-', '--server', url], { stdin: foreign, expect: [1] });
  },
};
