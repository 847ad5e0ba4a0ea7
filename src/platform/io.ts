/**
 * All terminal I/O goes through this object, so commands are testable without a process.
 * TTY facts are read once, when the IO is created.
 */
export interface TextSink {
  write(text: string): void;
}

export interface IO {
  stdout: TextSink;
  stderr: TextSink;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Width for wrapping human output; 80 when not a terminal or when the terminal reports 0 columns. */
  columns: number;
  /** Reads all of standard input (for `--token -` and secrets piped in). */
  readStdin(): Promise<string>;
  /** The raw stderr stream, for ora spinners and inquirer prompts (only used when stderrIsTTY). */
  stderrStream?: NodeJS.WritableStream;
  stdinStream?: NodeJS.ReadableStream;
}

const STDIN_LIMIT = 1024 * 1024;

/**
 * A terminal width that is safe to divide by: `script` from cron, some CI runners and `docker run -t`
 * before a resize report 0 columns, and an unknown width is undefined. Both mean 80.
 */
export function usableColumns(columns: number | undefined): number {
  return columns !== undefined && Number.isFinite(columns) && columns >= 1 ? Math.floor(columns) : 80;
}

export function createProcessIO(proc: NodeJS.Process): IO {
  // `mcpauth … | head` closes the pipe early: that is the reader's choice, not an error.
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  // Creating process.stdin/stderr (and loading node:tty) costs several ms of start-up, so streams
  // and TTY facts are looked at only when something needs them; --help never does. Each is read once.
  const once = <T>(read: () => T): (() => T) => {
    let value: { v: T } | undefined;
    return () => (value ??= { v: read() }).v;
  };
  const stdoutIsTTY = once(() => proc.stdout.isTTY === true);
  const stderrIsTTY = once(() => proc.stderr.isTTY === true);
  const stdinIsTTY = once(() => proc.stdin.isTTY === true);
  return {
    stdout: { write: (text) => void proc.stdout.write(text) },
    stderr: { write: (text) => void proc.stderr.write(text) },
    get stdoutIsTTY() {
      return stdoutIsTTY();
    },
    get stderrIsTTY() {
      return stderrIsTTY();
    },
    get stdinIsTTY() {
      return stdinIsTTY();
    },
    get columns() {
      return usableColumns(proc.stdout.isTTY === true ? proc.stdout.columns : proc.stderr.isTTY === true ? proc.stderr.columns : undefined);
    },
    get stderrStream() {
      return proc.stderr;
    },
    get stdinStream() {
      return proc.stdin;
    },
    readStdin: () => readStream(proc.stdin, STDIN_LIMIT),
  };
}

async function readStream(stream: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > limit) throw new Error(`standard input is larger than ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An IO that records everything, for tests and for running the CLI in-process. */
export interface CapturedIO extends IO {
  out(): string;
  err(): string;
}

export function createCapturedIO(options: Partial<Pick<IO, 'stdoutIsTTY' | 'stderrIsTTY' | 'stdinIsTTY' | 'columns'>> & { stdin?: string } = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text) },
    stderr: { write: (text) => void (err += text) },
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdinIsTTY: options.stdinIsTTY ?? false,
    columns: options.columns ?? 80,
    readStdin: async () => options.stdin ?? '',
    out: () => out,
    err: () => err,
  };
}
