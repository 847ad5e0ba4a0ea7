import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { VERSION } from '../version.js';
import { examples, parseUrl, runAction, type CommandContext } from './command-context.js';
import { protocolVersionOption } from './mcp-options.js';
import type { Runtime } from './runtime.js';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../core/json/json-depth.js';

export interface CallOptions {
  url: string;
  tool: string | undefined;
  /** Tool arguments as a JSON object text. */
  args: string | undefined;
  /** gh-style `-f key=value` (a string) ... */
  field?: string[];
  /** ... and `-F key=value` (JSON when it parses: numbers, true/false, null, objects). */
  typedField?: string[];
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
    .option('-f, --field <key=value>', 'a string argument (repeatable; gh style), merged over --args', collect, [])
    .option('-F, --typed-field <key=value>', 'an argument parsed as JSON when it is JSON (numbers, true, null, objects), else a string', collect, [])
    .option('--step-up', 'on 403 insufficient_scope, re-authorize with the needed scopes without asking', false)
    .addOption(protocolVersionOption())
    .addHelpText(
      'after',
      examples([
        ['mcpauth call https://mcp.example.com/mcp', 'list the tools'],
        ['mcpauth call https://mcp.example.com/mcp echo -f text=hi', 'call a tool with a string argument'],
        ['mcpauth call https://mcp.example.com/mcp search -f query=mcp -F limit=5', 'a typed argument beside a string one'],
        ['mcpauth call https://mcp.example.com/mcp echo --args \'{"text":"hi"}\'', 'the arguments as one JSON object'],
      ]),
    )
    .action(async (url: string, tool: string | undefined, flags: Omit<CallOptions, 'url' | 'tool'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url, tool }, runtime));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** --args, then each -f/-F over it: `-f key=value` is a string, `-F key=value` JSON when it parses. */
function buildArguments(options: CallOptions): Record<string, unknown> {
  const args = parseArgs(options.args);
  const fields = [...(options.field ?? []).map((f) => [f, false] as const), ...(options.typedField ?? []).map((f) => [f, true] as const)];
  for (const [field, typed] of fields) {
    const at = field.indexOf('=');
    if (at <= 0) throw new CliError('usage', `${typed ? '-F' : '-f'} ${field.slice(0, 80)}: expected key=value.`, { hint: 'For example -f text=hi, or -F count=3.' });
    const key = field.slice(0, at);
    const raw = field.slice(at + 1);
    args[key] = typed ? parseTyped(raw) : raw;
  }
  return args;
}

function parseTyped(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function parseArgs(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  if (jsonTextTooDeep(text)) throw new CliError('usage', `--args nests JSON deeper than ${MAX_JSON_DEPTH} levels.`, { hint: 'Pass a flatter object.' });
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below with the same message as a non-object.
  }
  throw new CliError('usage', `--args must be a JSON object, got ${text.slice(0, 80)}.`, { hint: `Example: --args '{"text":"hi"}'` });
}

export async function runCall(options: CallOptions, runtime: Runtime): Promise<number> {
  const args = buildArguments(options);
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
      if (options.tool === undefined) return { tools };
      // An unknown tool is answered with the list, not with the server's raw error.
      if (!tools.some((tool) => tool.name === options.tool)) throw unknownTool(options, tools.map((tool) => tool.name));
      return { tools, result: await client.callTool(options.tool, args) };
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

function unknownTool(options: CallOptions, names: string[]): CliError {
  const list = names.length === 0 ? 'it lists no tools' : `its tools: ${names.slice(0, 30).join(', ')}${names.length > 30 ? `, … (${names.length} in all)` : ''}`;
  return new CliError('usage', `${options.url} has no tool '${options.tool ?? ''}'; ${list}.`, { hint: `Run 'mcpauth call ${options.url}' to list the tools with their descriptions.` });
}
