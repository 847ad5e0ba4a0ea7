import type { Command } from 'commander';
import { Option } from 'commander';
import { CliError } from '../errors.js';
import { examples, parsePort, parsePositiveNumber, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface ProxyOptions {
  url: string;
  header: string[];
  port: number;
  clientId: string | undefined;
  scope: string | undefined;
  /** RFC 8707 resource for a login (as `login --resource`). */
  resource: string | undefined;
  protocolVersion: string | undefined;
  browser: string | boolean;
  device: boolean;
  /** Seconds a login may take before held requests fail. */
  loginTimeout: number;
  /** Seconds a streamed answer may stay silent. */
  idleTimeout: number;
}

export type ProxyRun = (options: ProxyOptions, runtime: Runtime) => Promise<number>;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerProxy(parent: Command, ctx: CommandContext, run: ProxyRun = runProxy): void {
  parent
    .command('proxy')
    .summary('a stdio MCP server that forwards to a remote server with the stored credential')
    .description(
      'For MCP clients that cannot authorize remote servers themselves: run it as the client\'s stdio\n' +
        'server. Every JSON-RPC message passes through unchanged. The credential comes from the mcpauth store\n' +
        'and is refreshed once for all proxies; when a login is needed it starts one (browser, or the device\n' +
        'flow without a display) and holds requests until it is done. stdout carries protocol only.',
    )
    .argument('<url>', 'the MCP server URL', parseUrl)
    .option('--header <"Name: value">', 'an extra header; ${VAR} is taken from the environment (repeatable)', collect, [])
    .option('--port <n>', 'loopback port for a login redirect (0 = any free port)', parsePort, 0)
    .option('--client-id <id>', 'a pre-registered client for a login')
    .option('--scope <scopes>', 'scopes for a login (space-separated)')
    .option('--resource <uri>', 'the RFC 8707 resource a login sends (as login --resource)', parseUrl)
    .addOption(new Option('--protocol-version <version>', 'MCP-Protocol-Version to send before the client initializes'))
    .option('--browser <program>', 'open a login URL with this program (env MCPAUTH_BROWSER)')
    .option('--no-browser', 'print a login URL on stderr instead of opening a browser')
    .option('--device', 'log in with the device flow', false)
    .option('--login-timeout <seconds>', 'how long held requests wait for a login', parsePositiveNumber, 300)
    .option('--idle-timeout <seconds>', 'how long a streamed answer may stay silent', parsePositiveNumber, 300)
    .addHelpText(
      'after',
      examples([
        ['mcpauth proxy https://mcp.example.com/mcp', 'as a client config entry: {"command": "mcpauth", "args": ["proxy", "<url>"]}'],
        ["mcpauth proxy https://mcp.example.com/mcp --header 'X-Tenant: ${TENANT}'", 'an extra header from the environment'],
        ['mcpauth setup claude-desktop https://mcp.example.com/mcp --write', 'let setup write the entry'],
      ]),
    )
    .action(async (url: string, flags: Omit<ProxyOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url, browser: flags.browser ?? true }, runtime));
    });
}

export async function runProxy(options: ProxyOptions, runtime: Runtime): Promise<number> {
  const { parseProxyHeader } = await import('../core/proxy/proxy-headers.js');
  const headers: Record<string, string> = {};
  for (const raw of options.header) {
    const parsed = parseProxyHeader(raw, runtime.deps.env);
    if (!parsed.ok) throw new CliError('usage', `${parsed.reason}.`, { hint: "Write --header 'Name: ${VAR}' and set VAR in the client's env for the server." });
    if (parsed.warning) runtime.note(runtime.errStyle.yellow(`mcpauth proxy: ${parsed.warning}.`));
    headers[parsed.name.toLowerCase()] = parsed.value;
  }
  const { serveProxy } = await import('./proxy-serve.js');
  return serveProxy(options, headers, runtime);
}
