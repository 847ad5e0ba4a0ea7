import type { Command } from 'commander';
import { examples, notAvailable, parsePort, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface LoginOptions {
  url: string;
  clientId: string | undefined;
  /** Where the client secret comes from: 'stdin', 'file:<path>' or 'env:<VAR>'. */
  clientSecretFile: string | undefined;
  clientSecretEnv: string | undefined;
  clientSecretStdin: boolean;
  clientMetadataUrl: string | undefined;
  scope: string | undefined;
  port: number;
  browser: string | boolean;
  device: boolean;
  assumePkceS256: boolean;
}

export type LoginRun = (options: LoginOptions, runtime: Runtime) => Promise<number>;

export function registerLogin(parent: Command, ctx: CommandContext, run: LoginRun = runLogin): void {
  parent
    .command('login')
    .summary('log in to a remote MCP server (OAuth 2.1 + PKCE, or the device flow)')
    .description(
      'Discovers the server\'s authorization server, registers or identifies the client, runs the\n' +
        'authorization code flow with PKCE through a loopback redirect (or the device flow), stores the\n' +
        'credential safely, and proves it works with an MCP initialize.',
    )
    .argument('<url>', 'the MCP server URL', parseUrl)
    .option('--client-id <id>', 'use this pre-registered client')
    .option('--client-secret-file <path>', 'read the client secret from this file')
    .option('--client-secret-env <VAR>', 'read the client secret from this environment variable')
    .option('--client-secret-stdin', 'read the client secret from standard input', false)
    .option('--client-metadata-url <url>', 'use this Client ID Metadata Document URL as the client_id', parseUrl)
    .option('--scope <scopes>', 'request these scopes (space-separated) instead of the discovered ones')
    .option('--port <n>', 'loopback port for the redirect (0 = any free port)', parsePort, 0)
    .option('--browser <program>', 'open the authorization URL with this program (env MCPAUTH_BROWSER)')
    .option('--no-browser', 'print the authorization URL instead of opening a browser')
    .option('--device', 'use the device authorization flow (RFC 8628)', false)
    .option('--assume-pkce-s256', 'proceed when the server does not advertise PKCE S256 (Entra ID, Cognito)', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth login https://mcp.example.com/mcp', 'log in through the browser'],
        ['mcpauth login https://mcp.example.com/mcp --device', 'log in from a headless machine'],
        ['mcpauth login https://mcp.example.com/mcp --client-id my-app --client-secret-env MY_SECRET', 'use a pre-registered client'],
      ]),
    )
    .action(async (url: string, flags: Omit<LoginOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url, browser: flags.browser ?? true }, runtime));
    });
}

export async function runLogin(_options: LoginOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('login');
}
