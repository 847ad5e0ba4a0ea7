import { HttpError } from '../core/http/http-error.js';
import { classifyOAuthError } from '../core/flows/oauth-error.js';
import { CliError } from '../errors.js';
import { terminalText } from '../output/terminal-text.js';
import { VERSION } from '../version.js';
import type { Deps } from './deps.js';

/** Maps anything a command threw to a CliError: the one place errors get their exit code. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof HttpError) return fromHttpError(error);
  // An OAuth error answer that no flow classified is still the server's refusal, never a bug.
  const refusal = classifyOAuthError(error, 'the request to the authorization server');
  if (refusal instanceof CliError) return refusal;
  // inquirer: Ctrl-C inside a prompt (ExitPromptError), or SIGINT/SIGTERM aborting it (AbortPromptError).
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    return new CliError('cancelled', 'cancelled.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('internal', `internal error: ${message}`, {
    hint: INTERNAL_ERROR_HINT,
    cause: error,
  });
}

/** Where to report a bug and what to attach; nothing in it can carry a secret (docs/troubleshooting.md). */
export const INTERNAL_ERROR_HINT =
  `This is a bug in mcpauth ${VERSION}: please report it to the mcpauth maintainers (the issue tracker of the repository you installed it from). ` +
  'Attach the command line with any token removed, the output of the same command with --verbose (tokens and secrets in it are masked), and `node --version`.';

/** The one next step for "the server could not be reached" (exit 3), whichever command met it. */
export const UNREACHABLE_HINT = 'Check the URL and your connection (is the server running?), or raise --timeout.';

function fromHttpError(error: HttpError): CliError {
  const where = `${error.message} (${error.url})`;
  switch (error.code) {
    case 'cancelled':
      return new CliError('cancelled', 'cancelled.', { cause: error });
    case 'insecure-http':
      return new CliError('usage', where, { hint: 'Use https, or pass --allow-http if you really mean plain http.', cause: error });
    case 'invalid-url':
      return new CliError('protocol', where, { cause: error });
    case 'private-address':
      return new CliError('protocol', where, { hint: 'If that network is really meant (an internal identity provider), pass --allow-private.', cause: error });
    case 'too-large':
      return new CliError('protocol', where, { hint: 'The server sent far more than such a response ever needs.', cause: error });
    case 'tls':
      return new CliError('network', where, { hint: 'Fix the certificate, or trust a private CA with NODE_EXTRA_CA_CERTS.', cause: error });
    default:
      return new CliError('network', `could not reach ${error.url}: ${error.message.replace(/\.$/, '')}.`, { hint: UNREACHABLE_HINT, cause: error });
  }
}

function causeChain(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    lines.push(current instanceof Error ? `${current.name}: ${current.message}` : describeValue(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines;
}

/** A non-Error cause (oauth4webapi puts parsed challenges there) as data, never `[object Object]`. */
function describeValue(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 500 ? `${text.slice(0, 499)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Prints an error (stderr always; under --json also an envelope on stdout) and returns its exit code.
 * Stack traces only for internal errors under --verbose: a user error is one sentence and a hint.
 */
export function reportError(error: unknown, deps: Deps, argv: readonly string[]): number {
  // After SIGINT/SIGTERM every failure is the cancellation's echo (an aborted request, a closed prompt).
  const cliError = deps.signal.aborted ? new CliError('cancelled', 'cancelled.', { cause: error }) : toCliError(error);
  const verbose = argv.includes('--verbose');
  // Messages quote servers (error_description) and files: sanitised for the terminal; --json stays exact.
  const lines = [`mcpauth: ${terminalText(cliError.message)}`];
  if (cliError.hint) lines.push(`  hint: ${terminalText(cliError.hint)}`);
  if (verbose) {
    for (const cause of causeChain(cliError)) lines.push(`  cause: ${terminalText(cause)}`);
    const original = cliError.code === 'internal' && cliError.cause instanceof Error ? (deps.stackTrace ?? defaultStack)(cliError.cause) : undefined;
    if (original) lines.push(terminalText(original, { multiline: true }));
  }
  deps.io.stderr.write(`${lines.join('\n')}\n`);
  if (wantsJson(argv)) writeEnvelope(cliError, deps);
  return cliError.exitCode;
}

/**
 * argv that commander rejected (unknown flag or command, invalid choice, missing argument, no
 * command): commander has written the line and hint to stderr; under --json the same error is
 * the one JSON document on stdout. Exit 2.
 */
export function reportParseError(failure: { message: string; hint: string } | undefined, deps: Deps, argv: readonly string[]): number {
  const message = failure?.message ?? 'no command given.';
  const error = new CliError('usage', message, { hint: failure?.hint ?? "run 'mcpauth --help' for usage." });
  if (wantsJson(argv)) writeEnvelope(error, deps);
  return error.exitCode;
}

function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** The --json error envelope (docs/cli-contract.md): the only thing on stdout when a command fails. */
function writeEnvelope(error: CliError, deps: Deps): void {
  const envelope = { error: { code: error.code, exitCode: error.exitCode, message: error.message, hint: error.hint ?? null } };
  deps.io.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`);
}

function defaultStack(error: Error): string {
  return error.stack ?? `${error.name}: ${error.message}`;
}
