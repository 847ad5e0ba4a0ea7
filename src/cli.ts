import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { registerAuditConfig, type AuditConfigRun } from './commands/audit-config.js';
import { registerCall, type CallRun } from './commands/call.js';
import { parseTimeoutSeconds, type CommandContext } from './commands/command-context.js';
import { registerCompleteServers } from './commands/complete-servers.js';
import { registerCompletion } from './commands/completion.js';
import type { Deps } from './commands/deps.js';
import { registerLogin, type LoginRun } from './commands/login.js';
import { registerLogout, type LogoutRun } from './commands/logout.js';
import { registerProbe, type ProbeRun } from './commands/probe.js';
import { registerRotate, type RotateRun } from './commands/rotate.js';
import { registerScopes, type ScopesRun } from './commands/scopes.js';
import { registerProxy, type ProxyRun } from './commands/proxy.js';
import { registerSetup, type SetupRun } from './commands/setup.js';
import { registerStatus, type StatusRun } from './commands/status.js';
import { registerTokenInspect, type TokenInspectRun } from './commands/token/inspect.js';
import { registerTokenPrint, type TokenPrintRun } from './commands/token/print.js';
import { EXIT_CODE_DESCRIPTIONS, EXIT_CODES } from './errors.js';
import { usableColumns } from './platform/io.js';
import { VERSION } from './version.js';

const ENVIRONMENT_HELP = `
Environment:
  MCPAUTH_HOME      where mcpauth keeps its settings and credentials
  MCPAUTH_BROWSER   program that opens authorization URLs (the URL is its last argument)
  NO_COLOR          no colour; FORCE_COLOR forces it
  CI                never prompt
  NODE_EXTRA_CA_CERTS  extra trusted CA certificates (PEM)`;

function exitCodeHelp(): string {
  const rows = EXIT_CODE_DESCRIPTIONS.map(([code, text]) => `  ${String(code).padEnd(4)} ${text}`);
  return `\nExit codes:\n${rows.join('\n')}\n`;
}

/** Replacement run functions, so tests can check argv -> options without running anything. */
export interface CommandRuns {
  probe?: ProbeRun;
  login?: LoginRun;
  logout?: LogoutRun;
  status?: StatusRun;
  call?: CallRun;
  tokenInspect?: TokenInspectRun;
  tokenPrint?: TokenPrintRun;
  scopes?: ScopesRun;
  rotate?: RotateRun;
  auditConfig?: AuditConfigRun;
  setup?: SetupRun;
  proxy?: ProxyRun;
}

/** Builds the whole command tree. Parsing never exits the process: errors are thrown (exitOverride). */
export function buildProgram(ctx: CommandContext, runs: CommandRuns = {}): Command {
  const program = new Command('mcpauth');
  program
    .description('Make MCP (Model Context Protocol) authentication work, and show why it does not.')
    // -v is --version (as in most CLIs); -V stays accepted. --verbose has no short form.
    .version(VERSION, '-v, --version', 'print the version (also -V)')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'print machine-readable JSON on stdout', false)
    .option('--no-color', 'no colour in the output (also: NO_COLOR)')
    .option('--verbose', 'show the HTTP trace (secrets masked) and error causes', false)
    .addOption(new Option('--timeout <seconds>', 'per-request network timeout').argParser(parseTimeoutSeconds).default(10))
    .option('--no-input', 'never prompt; fail with the flag that answers the question instead')
    .option('--allow-http', 'allow plain http to hosts other than loopback', false)
    .option('--allow-private', 'let URLs a server supplies lead to private, link-local or metadata addresses', false)
    .showSuggestionAfterError(true)
    // "(default: false)" on every switch is noise; real defaults (--timeout 10) stay visible.
    .configureHelp({
      // Global options (--json, --verbose, --timeout, --no-input, …) are listed in every subcommand's help.
      showGlobalOptions: true,
      // Descriptions are written as paragraphs; single line breaks are re-flowed to the terminal width.
      commandDescription: (command) => reflow(command.description()),
      optionDescription: (option) => {
        const text = option.description;
        const shown = option.defaultValue !== undefined && option.defaultValue !== false && !option.negate;
        return shown ? `${text} (default: ${JSON.stringify(option.defaultValue)})` : text;
      },
    })
    .addHelpText('after', `${ENVIRONMENT_HELP}\n${exitCodeHelp()}`);

  // Adding a command: one register call here; nothing else. `mcpauth --help`, `--version` and one-token
  // usage errors never run this function: the build extracts the tree into stage one's manifest
  // (src/startup/), so a new command or global flag shows up there by itself (test/startup checks it).
  // Keep registration cheap: a command module imports only commander and types at top level and loads
  // everything heavy inside its action with `await import('../core/…')`, so other commands' start-up
  // does not pay for it.
  registerProbe(program, ctx, runs.probe);
  registerLogin(program, ctx, runs.login);
  registerLogout(program, ctx, runs.logout);
  registerStatus(program, ctx, runs.status);
  registerCall(program, ctx, runs.call);
  const token = program.command('token').summary('inspect or print access tokens');
  registerTokenInspect(token, ctx, runs.tokenInspect);
  registerTokenPrint(token, ctx, runs.tokenPrint);
  registerScopes(program, ctx, runs.scopes);
  registerRotate(program, ctx, runs.rotate);
  registerAuditConfig(program, ctx, runs.auditConfig);
  registerSetup(program, ctx, runs.setup);
  registerProxy(program, ctx, runs.proxy);
  registerCompletion(program, ctx);
  registerCompleteServers(program, ctx);

  configureTree(program, ctx);
  return program;
}

// Applied to every command: commander's own messages go through our IO, and it never exits.
function configureTree(command: Command, ctx: CommandContext): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => ctx.deps.io.stdout.write(text),
    writeErr: (text) => ctx.deps.io.stderr.write(text),
    // Help wraps at the terminal's width; 0 columns or none (a pipe) is 80 (io.columns).
    getOutHelpWidth: () => usableColumns(ctx.deps.io.columns),
    getErrHelpWidth: () => usableColumns(ctx.deps.io.columns),
    outputError: (text, write) => {
      const name = command.parent ? `mcpauth ${fullName(command)}` : 'mcpauth';
      const message = text.replace(/^error: /, '').trimEnd();
      const hint = `run '${name} --help' for usage.`;
      ctx.parseFailure = { message, hint };
      write(`mcpauth: ${message}\n  hint: ${hint}\n`);
    },
  });
  for (const child of command.commands) configureTree(child, ctx);
}

function reflow(text: string): string {
  return text.replace(/([^\n])\n(?=[^\n\s])/g, '$1 ');
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

/** Parses argv, runs the command and returns the exit code. Nothing here touches the process. */
export async function runCli(argv: readonly string[], deps: Deps, runs: CommandRuns = {}): Promise<number> {
  const ctx: CommandContext = { deps, exitCode: EXIT_CODES.ok };
  const program = buildProgram(ctx, runs);
  const end = argv.indexOf('--');
  const args = argv.map((arg, index) => (arg === '-V' && (end === -1 || index < end) ? '--version' : arg));
  try {
    await program.parseAsync(args, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    const parsing = error instanceof CommanderError || error instanceof InvalidArgumentError;
    if (parsing && commanderExitCode(error) === EXIT_CODES.ok) return EXIT_CODES.ok;
    // Only a failing run pays for loading the error mapping.
    const { reportError, reportParseError } = await import('./commands/report-error.js');
    // commander already wrote its line to stderr; --json still gets its one document on stdout.
    if (parsing) return reportParseError(ctx.parseFailure, deps, argv);
    const { sourceMappedStack } = await import('./platform/source-mapped-stack.js');
    return reportError(error, { ...deps, stackTrace: deps.stackTrace ?? sourceMappedStack }, argv);
  }
}

function commanderExitCode(error: CommanderError): number {
  switch (error.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
      return EXIT_CODES.ok;
    default:
      return EXIT_CODES.usage;
  }
}
