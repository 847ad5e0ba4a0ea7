/**
 * One error type for everything the CLI reports to a user, and one table that maps its codes to
 * exit codes. Commands throw CliError; only main.ts turns it into a process exit code.
 */
export type ErrorCode =
  | 'findings'
  | 'usage'
  | 'network'
  | 'auth'
  | 'protocol'
  | 'not-available'
  | 'busy'
  | 'internal'
  | 'cancelled';

export const EXIT_CODES: Readonly<Record<ErrorCode | 'ok', number>> = {
  ok: 0,
  findings: 1,
  usage: 2,
  network: 3,
  auth: 4,
  protocol: 5,
  // sysexits EX_UNAVAILABLE: a command this version does not provide yet.
  'not-available': 69,
  internal: 70,
  // sysexits EX_TEMPFAIL: another mcpauth process holds the credential store; trying again works.
  busy: 75,
  cancelled: 130,
};

export const EXIT_CODE_DESCRIPTIONS: ReadonlyArray<readonly [number, string]> = [
  [EXIT_CODES.ok, 'success, and nothing at or above the --fail-on threshold'],
  [EXIT_CODES.findings, 'findings at or above the --fail-on threshold'],
  [EXIT_CODES.usage, 'usage error: unknown command or flag, bad argument'],
  [EXIT_CODES.network, 'network: the target could not be reached'],
  [EXIT_CODES.auth, 'authentication needed or failed'],
  [EXIT_CODES.protocol, 'the server violated the protocol'],
  [EXIT_CODES['not-available'], 'the command is not available in this version yet'],
  [EXIT_CODES.internal, 'internal error (a bug in mcpauth: please report it)'],
  [EXIT_CODES.busy, 'busy: another mcpauth process holds the credential store; try again'],
  [EXIT_CODES.cancelled, 'cancelled (Ctrl-C)'],
];

export interface CliErrorOptions {
  /** The next step for the user, one sentence. */
  hint?: string;
  /** The underlying error, shown with --verbose. */
  cause?: unknown;
}

export class CliError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.code = code;
    this.hint = options.hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function isCliError(value: unknown): value is CliError {
  return value instanceof CliError;
}
