import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { examples, parseChoice, parsePort, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export const SETUP_SCOPES = ['user', 'project'] as const;

export interface SetupOptions {
  client: string | undefined;
  url: string | undefined;
  list: boolean;
  scope: (typeof SETUP_SCOPES)[number];
  write: boolean;
  name: string | undefined;
  proxy: boolean;
  npx: boolean;
  clientId: string | undefined;
  callbackPort: number;
  file: string | undefined;
  projectDir: string | undefined;
  login: boolean;
  browser: string | boolean;
  device: boolean;
}

export type SetupRun = (options: SetupOptions, runtime: Runtime) => Promise<number>;

export function registerSetup(parent: Command, ctx: CommandContext, run: SetupRun = runSetup): void {
  parent
    .command('setup')
    .summary("write a remote MCP server into an MCP client's config, the way that client expects it")
    .description(
      'Probes the server, then writes a plain url entry when the client runs OAuth itself and works with\n' +
        'this server, else an entry that runs `mcpauth proxy <url>` (logging in first when needed).\n' +
        'Without --write it prints the change as a diff and writes nothing. Never writes a secret.',
    )
    .argument('[client]', 'the client (see --list)')
    .argument('[url]', 'the MCP server URL', parseUrl)
    .option('--list', 'list the clients and where their files live on Linux, macOS and Windows', false)
    .option('--scope <scope>', `user or project file (${SETUP_SCOPES.join(', ')})`, parseChoice(SETUP_SCOPES), 'user')
    .option('--write', 'apply the change (default: dry run with a diff)', false)
    .option('--name <name>', 'the server name in the client (default: from the URL host)')
    .option('--proxy', 'always write the `mcpauth proxy` entry', false)
    .option('--npx', 'run the proxy as `npx -y mcpauth proxy` instead of this installation', false)
    .option('--client-id <id>', 'a pre-registered client_id for clients that take one in their file')
    .option('--callback-port <n>', 'fixed OAuth callback port written for clients that take one', parsePort, 19876)
    .option('--file <path>', 'edit this file instead of the client\'s usual one')
    .option('--project-dir <dir>', 'the project root for --scope project (default: the current directory)')
    .option('--no-login', 'do not log in first, even when the proxy entry has no stored credential')
    .option('--browser <program>', 'open the login URL with this program (env MCPAUTH_BROWSER)')
    .option('--device', 'log in with the device flow', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth setup --list', 'the clients and their config files'],
        ['mcpauth setup claude-desktop https://mcp.example.com/mcp', 'show the change (a diff), write nothing'],
        ['mcpauth setup claude-desktop https://mcp.example.com/mcp --write', 'log in if needed and write the entry'],
        ['mcpauth setup cursor https://mcp.example.com/mcp --scope project --write', "write .cursor/mcp.json in this project"],
      ]),
    )
    .action(async (client: string | undefined, url: string | undefined, flags: Omit<SetupOptions, 'client' | 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, client, url, browser: flags.browser ?? true }, runtime));
    });
}

export async function runSetup(options: SetupOptions, runtime: Runtime): Promise<number> {
  const { SETUP_WRITERS, getWriter, setupListRows } = await import('../core/setup/setup-targets.js');
  if (options.list) {
    const { renderSetupList } = await import('../output/setup-human.js');
    runtime.deps.io.stdout.write(renderSetupList(setupListRows(), runtime.globals.json, runtime.style));
    return 0;
  }
  const ids = SETUP_WRITERS.map((writer) => writer.id).join(', ');
  if (options.client === undefined || options.url === undefined) {
    throw new CliError('usage', 'Which client and which server? Pass both.', { hint: `For example 'mcpauth setup cursor https://mcp.example.com/mcp'. Clients: ${ids}.` });
  }
  const writer = getWriter(options.client);
  if (writer === undefined) throw new CliError('usage', `mcpauth cannot set up '${options.client}'.`, { hint: `Clients: ${ids}.` });
  const { performSetup } = await import('./setup-run.js');
  return performSetup(writer, { ...options, client: options.client, url: options.url }, runtime);
}
