import type { Command } from 'commander';
import { EXIT_CODES } from '../errors.js';
import { examples, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';
import { formatCommand } from '../output/shell-quote.js';

export interface StatusOptions {
  url: string | undefined;
}

export type StatusRun = (options: StatusOptions, runtime: Runtime) => Promise<number>;

export function registerStatus(parent: Command, ctx: CommandContext, run: StatusRun = runStatus): void {
  parent
    .command('status')
    .summary('show stored credentials: server, issuer, scopes, expiry')
    .argument('[url]', 'only this MCP server (exit 4 when it has no usable credential)', parseUrl)
    .addHelpText(
      'after',
      examples([
        ['mcpauth status', 'every stored credential'],
        ['mcpauth status https://mcp.example.com/mcp --json', 'one server, for scripts'],
      ]),
    )
    .action(async (url: string | undefined, _flags: object, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ url }, runtime));
    });
}

export async function runStatus(options: StatusOptions, runtime: Runtime): Promise<number> {
  const [{ openCredentialStore }, { buildStatusReport }] = await Promise.all([
    import('../platform/store/open-store.js'),
    import('../core/store/status-report.js'),
  ]);
  const { deps } = runtime;
  // Status reads metadata only: the keychain is never probed, no secret is read.
  const store = await openCredentialStore({ env: deps.env, now: deps.now });
  const credentials = options.url === undefined ? await store.list() : await store.findAll(options.url);
  const report = buildStatusReport(credentials, deps.now(), store.describe(), options.url);
  if (runtime.globals.json) {
    const { renderStatusJson } = await import('../output/status-json.js');
    deps.io.stdout.write(renderStatusJson(report));
  } else {
    const { renderStatusHuman } = await import('../output/status-human.js');
    deps.io.stdout.write(renderStatusHuman(report, runtime.style, runtime.shell));
  }
  // Scripts test `mcpauth status URL` for "can I get a token without a browser?".
  if (options.url !== undefined && !report.credentials.some((entry) => entry.usable)) {
    if (runtime.globals.json || report.credentials.length > 0) runtime.note(`No usable credential for ${options.url}: run ${formatCommand(['mcpauth', 'login', options.url], runtime.shell)}`);
    return EXIT_CODES.auth;
  }
  return EXIT_CODES.ok;
}
