import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { examples, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';

export interface LogoutOptions {
  url: string | undefined;
  all: boolean;
  keepClient: boolean;
  /** Answer yes to "log out of every server?" without a prompt. */
  yes?: boolean;
}

export type LogoutRun = (options: LogoutOptions, runtime: Runtime) => Promise<number>;

export function registerLogout(parent: Command, ctx: CommandContext, run: LogoutRun = runLogout): void {
  parent
    .command('logout')
    .summary('revoke and delete a stored credential')
    .argument('[url]', 'the MCP server URL', parseUrl)
    .option('--all', 'log out of every server', false)
    .option('-y, --yes', 'with --all: do not ask first (needed without a terminal)', false)
    .option('--keep-client', 'keep the dynamically registered client (by default it is deleted at the AS where RFC 7592 allows, and forgotten)', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth logout https://mcp.example.com/mcp', 'revoke at the authorization server, then delete locally'],
        ['mcpauth logout --all', 'log out everywhere'],
      ]),
    )
    .action(async (url: string | undefined, flags: Omit<LogoutOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

export async function runLogout(options: LogoutOptions, runtime: Runtime): Promise<number> {
  if ((options.url === undefined) === !options.all) {
    throw new CliError('usage', options.all ? 'give either a URL or --all, not both.' : 'which server? Give its URL, or --all.', {
      hint: 'mcpauth logout https://mcp.example.com/mcp, or mcpauth logout --all',
    });
  }
  const [{ openCredentialStore }, { logoutCredential }] = await Promise.all([
    import('../platform/store/open-store.js'),
    import('../core/store/logout.js'),
  ]);
  const { deps } = runtime;
  const store = await openCredentialStore({ env: deps.env, now: deps.now });
  const targets = options.url === undefined ? await store.list() : await store.findAll(options.url);
  for (const credential of targets) runtime.http.trust(credential.serverUrl);
  if (options.url !== undefined && targets.length === 0) {
    throw new CliError('auth', `no stored credential for ${options.url}: nothing to log out.`, { hint: "Run 'mcpauth status' to see what is stored." });
  }
  // Deleting every credential is destructive: ask on a terminal, refuse without one unless --yes.
  if (options.all && targets.length > 0 && !options.yes) {
    const { confirmOrFlag } = await import('../platform/prompt.js');
    const question = `Log out of ${targets.length} server${targets.length === 1 ? '' : 's'} (revoke and delete every stored credential)?`;
    if (!(await confirmOrFlag(runtime, question, '--yes'))) throw new CliError('cancelled', 'nothing was logged out.');
  }
  const logoutDeps = { store, fetch: runtime.http.fetch, now: deps.now, allowHttp: runtime.globals.allowHttp, keepClient: options.keepClient };
  const outcomes = [];
  // One at a time: each holds the store lock while it talks to its AS.
  for (const credential of targets) outcomes.push(await logoutCredential(credential, logoutDeps));
  if (runtime.globals.json) {
    const { renderLogoutJson } = await import('../output/logout-json.js');
    deps.io.stdout.write(renderLogoutJson(outcomes));
  } else {
    const { renderLogoutHuman } = await import('../output/logout-human.js');
    deps.io.stdout.write(renderLogoutHuman(outcomes, deps.now(), runtime.style));
  }
  return 0;
}
