import { startHarness } from '../../harness/index.js';
import type { DemoStep } from '../demo-context.js';

/**
 * `probe` on the healthy harness (no error, no warning), then on a server set up with two classic
 * mistakes: the PRM at the appended path and an AS that does not advertise PKCE.
 */
export const probeStep: DemoStep = {
  title: "probe: diagnose a server's auth setup, step by step",
  async run(ctx) {
    ctx.say('The healthy server: every request of the discovery chain, in the spec\'s order, and no error.');
    await ctx.mcpauth(['probe', ctx.harness.mcpUrl]);
    const broken = await startHarness({
      as: { pkceMethods: null },
      mcp: { prm: { location: 'appended' }, challenge: { resourceMetadata: false } },
    });
    try {
      ctx.say('\nA misconfigured server: PRM served at <url>/.well-known/… (appended), and no PKCE in the AS metadata.');
      // Exit 1: findings at or above --fail-on (error).
      await ctx.mcpauth(['probe', broken.mcpUrl, '--compat'], { expect: [1] });
    } finally {
      await broken.close();
    }
  },
};
