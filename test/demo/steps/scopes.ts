import type { DemoStep } from '../demo-context.js';

/**
 * `scopes --tool` on the harness's guarded tool: admin-reset answers 403 insufficient_scope unless the
 * token holds mcp:admin, so the report shows offered vs held vs needed and the command that fixes it.
 * Uses the credential the login step stored in ctx.home.
 */
export const scopesStep: DemoStep = {
  title: 'scopes: what the server offers, what the credential holds, what a tool needs',
  async run(ctx) {
    ctx.say('admin-reset is guarded: without mcp:admin the server answers 403 insufficient_scope, scope="mcp:tools mcp:admin".');
    // Exit 1 when the stored credential lacks the tool's scopes (the usual case after a default login).
    await ctx.mcpauth(['scopes', ctx.harness.mcpUrl, '--tool', 'admin-reset', '--yes'], { expect: [0, 1] });
  },
};
