import type { Command } from 'commander';
import { examples, parseChoice, parseDuration, parseUrl, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';
import type { RotationFailure, RotationReport } from '../core/rotate/rotation-report.js';
import type { StoredCredential } from '../core/store/credential.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { CliError, EXIT_CODES } from '../errors.js';
import { formatCommand } from '../output/shell-quote.js';

export const ROTATE_TARGETS = ['env', 'print'] as const;

export interface RotateOptions {
  url: string | undefined;
  all: boolean;
  /** Seconds; only rotate credentials expiring within this window. */
  ifExpiringWithin: number | undefined;
  client: boolean;
  config: string | undefined;
  to: (typeof ROTATE_TARGETS)[number];
  write: boolean;
  /** --config --write: write through symbolic links that stay inside the project. */
  followSymlinks?: boolean;
}

const ROTATE_EXIT_CODES = `
Exit codes:
  0  rotated, or nothing to do (the output and --json "result" say which; cron-friendly)
  4  log in again: no refresh token, or the server rejected it (the login command is printed)
  3  network failure (the refresh token is kept);  5  the token endpoint gave an unusable answer
  --client: 0 new client registered (log in again: printed), 2 the client cannot be replaced (reason printed)
  --config: 0 dry run shown or written, 2 refused (the .env is tracked by git)
`;

export type RotateRun = (options: RotateOptions, runtime: Runtime) => Promise<number>;

export function registerRotate(parent: Command, ctx: CommandContext, run: RotateRun = runRotate): void {
  parent
    .command('rotate')
    .summary('refresh stored credentials, or move static secrets out of config files')
    .argument('[url]', 'the MCP server whose credential to refresh', parseUrl)
    .option('--all', 'refresh every stored credential', false)
    .option('--if-expiring-within <duration>', 'only refresh credentials expiring within this time (e.g. 10m, 1h)', parseDuration)
    .option('--client', 'register a new dynamic client and drop the old one', false)
    .option('--config <file>', 'move literal secrets in this MCP config into environment references')
    .option('--to <target>', `where moved secrets go (${ROTATE_TARGETS.join(', ')})`, parseChoice(ROTATE_TARGETS), 'env')
    .option('--write', 'apply the config change (default: show the diff only)', false)
    .option('--follow-symlinks', 'with --config --write: write through symbolic links inside the project (refused by default)', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth rotate --all --if-expiring-within 1h', 'for cron: refresh what expires within the hour'],
        ['mcpauth rotate --config .mcp.json', 'show how the secrets would move out of the file'],
        ['mcpauth rotate --config .mcp.json --write', 'move them into a git-ignored .env'],
      ]) + ROTATE_EXIT_CODES,
    )
    .action(async (url: string | undefined, flags: Omit<RotateOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

/**
 * Exit codes (documented in --help): 0 = rotated OR nothing to do (cron treats any non-zero as a
 * failure, so "nothing to do" is success; the output and --json `result` say which), 4 = log in
 * again (no refresh token, or the AS rejected it), 3/5 = network/protocol failure of a refresh.
 */
export async function runRotate(options: RotateOptions, runtime: Runtime): Promise<number> {
  if (options.config !== undefined) {
    if (options.url !== undefined || options.all || options.client) throw usage('--config cannot be combined with a URL, --all or --client.');
    const { runConfigRotation } = await import('./rotate-config.js');
    return runConfigRotation(options, runtime);
  }
  if ((options.url === undefined) === !options.all) throw usage('give the server URL, or --all (or --config <file> for static secrets).');
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
  const credentials = options.all ? await store.list() : await findOne(store, options.url ?? '');
  // Each stored server was the user's own target when they logged in: its network stays allowed.
  for (const credential of credentials) runtime.http.trust(credential.serverUrl);
  if (options.client) {
    const { runClientRotation } = await import('./rotate-client.js');
    return runClientRotation(credentials, store, runtime);
  }
  const { planRotation } = await import('../core/rotate/rotation-plan.js');
  const { rotateCredentials } = await import('../core/rotate/rotate-credentials.js');
  const { toCliError } = await import('./report-error.js');
  const deps = { store, fetch: runtime.http.fetch, now: runtime.deps.now, allowHttp: runtime.globals.allowHttp, describeError: (error: unknown) => describe(toCliError(error)) };
  const plan = planRotation(credentials, { ifExpiringWithin: options.ifExpiringWithin }, runtime.deps.now());
  const report = await rotateCredentials(plan, deps, options.ifExpiringWithin);
  await render(report, runtime);
  return exitCodeOf(report);
}

async function findOne(store: CredentialStore, url: string): Promise<StoredCredential[]> {
  const credential = await store.find(url);
  if (credential) return [credential];
  throw new CliError('auth', `no stored credential for ${url}.`, { hint: `Log in first: ${formatCommand(['mcpauth', 'login', url])}` });
}

function describe(error: CliError): RotationFailure {
  return error.hint === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, hint: error.hint };
}

async function render(report: RotationReport, runtime: Runtime): Promise<void> {
  if (runtime.globals.json) {
    const { renderRotateJson } = await import('../output/rotate-json.js');
    runtime.deps.io.stdout.write(renderRotateJson(report));
    return;
  }
  const { renderRotateHuman } = await import('../output/rotate-human.js');
  runtime.deps.io.stdout.write(renderRotateHuman(report, runtime.style));
}

function exitCodeOf(report: RotationReport): number {
  if (report.result === 'login-needed') return EXIT_CODES.auth;
  const failure = report.outcomes.find((outcome) => outcome.failure !== undefined && outcome.status === 'failed')?.failure;
  return failure === undefined ? EXIT_CODES.ok : EXIT_CODES[failure.code];
}

function usage(message: string): CliError {
  return new CliError('usage', message, { hint: "Run 'mcpauth rotate --help' for the forms it takes." });
}
