import type { DemoStep } from '../demo-context.js';

/** The real servers are up: an unauthenticated MCP request gets the 401 challenge a client starts from. */
export const serversStep: DemoStep = {
  title: 'The local servers: a real OAuth authorization server and a real MCP server',
  async run(ctx) {
    ctx.say(`MCP server:            ${ctx.harness.mcpUrl}`);
    ctx.say(`authorization server:  ${ctx.harness.issuer}`);
    const response = await fetch(ctx.harness.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    });
    ctx.say(`an unauthenticated initialize gets: ${response.status}`);
    ctx.say(`WWW-Authenticate: ${response.headers.get('www-authenticate') ?? '(none)'}`);
  },
};

export const versionStep: DemoStep = {
  title: 'mcpauth itself',
  async run(ctx) {
    await ctx.mcpauth(['--version']);
  },
};
