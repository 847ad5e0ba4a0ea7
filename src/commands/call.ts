import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { VERSION } from '../version.js';
import { examples, parseUrl, runAction, type CommandContext } from './command-context.js';
import { protocolVersionOption } from './mcp-options.js';
import type { Runtime } from './runtime.js';

export interface CallOptions {
  url: string;
  tool: string | undefined;
  /** Tool arguments as a JSON object text. */
  args: string | undefined;
  stepUp: boolean;
  protocolVersion?: string;
}

export type CallRun = (options: CallOptions, runtime: Runtime) => Promise<number>;

export function registerCall(parent: Command, ctx: CommandContext, run: CallRun = runCall): void {
  parent
    .command('call')
    .summary('list the tools of an MCP server, or call one, with the stored credential')
    .argument('<url>', 'the MCP server URL', parseUrl)
    .argument('[tool]', 'the tool to call (omit to list tools)')
    .option('--args <json>', 'tool arguments as a JSON object')
    .option('--step-up', 'on 403 insufficient_scope, re-authorize with the needed scopes without asking', false)
    .addOption(protocolVersionOption())
    .addHelpText(
      'after',
      examples([
        ['mcpauth call https://mcp.example.com/mcp', 'list the tools'],
        ['mcpauth call https://mcp.example.com/mcp echo --args \'{"text":"hi"}\'', 'call a tool'],
      ]),
    )
    .action(async (url: string, tool: string | undefined, flags: Omit<CallOptions, 'url' | 'tool'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url, tool }, runtime));
    });
}

function parseArgs(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below with the same message as a non-object.
  }
  throw new CliError('usage', `--args must be a JSON object, got ${text.slice(0, 80)}.`, { hint: `Example: --args '{"text":"hi"}'` });
}

export async function runCall(options: CallOptions, runtime: Runtime): Promise<number> {
  const args = parseArgs(options.args);
  const { protocolVersionFrom } = await import('../core/mcp/protocol-version.js');
  const version = protocolVersionFrom(runtime.deps.env, options.protocolVersion);
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
  const { createAuthorizedCallDeps } = await import('./call-deps.js');
  const { withAuthorization } = await import('../core/flows/authorized-call.js');
  const { createMcpClient } = await import('../core/mcp/mcp-client.js');
  const { mcpSessionHooks } = await import('./mcp-session-hooks.js');
  const callDeps = await createAuthorizedCallDeps(options, runtime, store, version);
  const outcome = await withAuthorization(async (accessToken) => {
    const client = createMcpClient({ ...mcpSessionHooks(runtime), url: options.url, version, clientInfo: { name: 'mcpauth', version: VERSION }, accessToken });
    try {
      await client.connect();
      const tools = await client.listTools();
      return options.tool === undefined ? { tools } : { tools, result: await client.callTool(options.tool, args) };
    } finally {
      await client.close();
    }
  }, callDeps).catch(async (error: unknown) => {
    const { describeMcpFailure } = await import('../core/mcp/mcp-failure.js');
    throw describeMcpFailure(error, `calling ${options.url} failed`);
  });
  const { renderCallHuman, renderCallJson } = await import('../output/call-result.js');
  runtime.deps.io.stdout.write(runtime.globals.json ? renderCallJson(outcome) : renderCallHuman(outcome, runtime.style));
  return outcome.result?.isError === true ? 1 : 0;
}
