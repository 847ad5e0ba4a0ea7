import type { Command } from 'commander';
import { examples, parseUrl, runAction, type CommandContext } from './command-context.js';
import { protocolVersionOption } from './mcp-options.js';
import type { Runtime } from './runtime.js';
import { terminalText } from '../output/terminal-text.js';
import { CliError } from '../errors.js';

export interface ScopesOptions {
  url: string;
  tool: string | undefined;
  /** Answer yes to "call this tool?" without a prompt. */
  yes?: boolean;
  protocolVersion?: string;
}

export type ScopesRun = (options: ScopesOptions, runtime: Runtime) => Promise<number>;

export function registerScopes(parent: Command, ctx: CommandContext, run: ScopesRun = runScopes): void {
  parent
    .command('scopes')
    .summary('what a server offers, what your token holds, and what a call needs')
    .argument('<url>', 'the MCP server URL', parseUrl)
    .option('--tool <name>', 'also find out which scopes this tool needs (calls it, with no arguments: asks first)')
    .option('-y, --yes', 'call the --tool without asking (needed without a terminal)', false)
    .addOption(protocolVersionOption())
    .addHelpText(
      'after',
      examples([
        ['mcpauth scopes https://mcp.example.com/mcp', 'offered vs held scopes'],
        ['mcpauth scopes https://mcp.example.com/mcp --tool admin-reset', 'what this tool needs, and the command that fixes it (asks before calling it)'],
        ['mcpauth scopes https://mcp.example.com/mcp --tool admin-reset --yes --json', 'the same in CI'],
      ]),
    )
    .action(async (url: string, flags: Omit<ScopesOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

export async function runScopes(options: ScopesOptions, runtime: Runtime): Promise<number> {
  const { discoverServerContext } = await import('../core/token/server-context.js');
  const { heldScopes } = await import('../core/scopes/held-scopes.js');
  const { buildScopesReport } = await import('../core/scopes/scopes-report.js');
  const server = await discoverServerContext(options.url, { fetch: runtime.http.fetch, clock: runtime.deps.clock });
  const stored = await readStored(options.url, runtime);
  const held = heldScopes(stored === undefined ? undefined : { accessToken: stored.accessToken, grantedScopes: stored.credential.scopes });
  let tool;
  // Calling a tool runs it, for real: that is surprising enough to ask first (docs/cli-contract.md).
  if (options.tool !== undefined && !options.yes) {
    const { confirmOrFlag } = await import('../platform/prompt.js');
    const question = `Call ${terminalText(options.tool)} on ${terminalText(options.url)} to learn which scopes it needs? It runs, with no arguments.`;
    if (!(await confirmOrFlag(runtime, question, '--yes'))) throw new CliError('cancelled', `${options.tool} was not called.`);
  }
  if (options.tool !== undefined) {
    const { probeToolScopes } = await import('../core/scopes/probe-tool.js');
    const token = stored === undefined ? undefined : await freshToken(options.url, stored.accessToken, runtime);
    const { protocolVersionFrom } = await import('../core/mcp/protocol-version.js');
    const { mcpSessionHooks } = await import('./mcp-session-hooks.js');
    const version = protocolVersionFrom(runtime.deps.env, options.protocolVersion);
    tool = await probeToolScopes(options.url, options.tool, token, { ...mcpSessionHooks(runtime), version });
  }
  const report = buildScopesReport(server, held, tool);
  if (runtime.globals.json) {
    const { renderScopesJson } = await import('../output/scopes-json.js');
    runtime.deps.io.stdout.write(renderScopesJson(report));
  } else {
    const { renderScopesHuman } = await import('../output/scopes-human.js');
    runtime.deps.io.stdout.write(renderScopesHuman(report, runtime.style, runtime.shell));
  }
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function readStored(url: string, runtime: Runtime) {
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const { readStoredToken } = await import('../core/token/stored-token.js');
  return readStoredToken(await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now }), url);
}

/** A tool call needs a live token: an expired one gets 401, which says nothing about scopes. */
async function freshToken(url: string, storedToken: string, runtime: Runtime): Promise<string> {
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const { getFreshAccessToken } = await import('../core/flows/refresh.js');
  try {
    const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
    const fresh = await getFreshAccessToken(url, { store, fetch: runtime.http.fetch, now: runtime.deps.now, allowHttp: runtime.globals.allowHttp });
    return fresh.accessToken;
  } catch (error) {
    runtime.note(runtime.errStyle.dim(`note: could not refresh the stored token (${terminalText(error instanceof Error ? error.message : String(error))}); using it as stored.`));
    return storedToken;
  }
}
