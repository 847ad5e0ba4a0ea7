import { createAddressGuard } from '../core/http/address-guard.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../core/http/client.js';
import { createNodeFetch } from '../platform/node-fetch.js';
import { resolveHost } from '../platform/resolve-host.js';
import type { HttpExchange } from '../core/http/exchange.js';
import { platform } from 'node:os';
import { shellFor, type CommandShell } from '../output/shell-quote.js';
import { plainStyle, type Style } from '../output/style.js';
import { terminalText } from '../output/terminal-text.js';
import { USER_AGENT } from '../version.js';
import { createNetworkProgress, type NetworkProgress } from '../platform/network-progress.js';
import { isCI, type Deps, type GlobalOptions } from './deps.js';

/** What a running command works with: deps and flags resolved into ready-made pieces. */
export interface Runtime {
  deps: Deps;
  globals: GlobalOptions;
  http: HttpClient;
  /** Style for stdout (plain under --json, --no-color, NO_COLOR or a pipe). */
  style: Style;
  /** Style for stderr messages. */
  errStyle: Style;
  /** Prompts are allowed: stdin and stderr are terminals, no --no-input, not CI. */
  canPrompt: boolean;
  /** Spinners are shown: stderr is a terminal and this is not CI. */
  showProgress: boolean;
  /** The shell printed commands are quoted for (PowerShell on Windows). */
  shell: CommandShell;
  /** The spinner every network step shows on a terminal (platform/network-progress.ts). */
  progress: NetworkProgress;
  /** Writes one line of progress/hint text to stderr. */
  note(text: string): void;
}

/**
 * After SIGINT/SIGTERM a command's result is not printed: the cancellation is the outcome (exit 130,
 * and under --json its envelope is the one document on stdout).
 */
function stopWritingWhenCancelled(deps: Deps): Deps {
  const stdout = { write: (text: string) => (deps.signal.aborted ? undefined : deps.io.stdout.write(text)) };
  return { ...deps, io: Object.create(deps.io, { stdout: { value: stdout } }) as Deps['io'] };
}

export async function createRuntime(processDeps: Deps, globals: GlobalOptions): Promise<Runtime> {
  const deps = stopWritingWhenCancelled(processDeps);
  const stdoutColor = deps.color.stdout && globals.color && !globals.json;
  const stderrColor = deps.color.stderr && globals.color;
  const needChalk = stdoutColor || stderrColor;
  const { createChalkStyle } = needChalk ? await import('../platform/chalk-style.js') : { createChalkStyle: () => plainStyle };
  const errStyle = createChalkStyle(stderrColor);
  const ci = isCI(deps.env);
  const showProgress = deps.io.stderrIsTTY && !ci;
  const progress = createNetworkProgress({ deps, globals, showProgress });
  const http = createCommandHttpClient({ deps, globals, errStyle, progress });
  return {
    deps,
    globals,
    http,
    progress,
    style: createChalkStyle(stdoutColor),
    errStyle,
    canPrompt: deps.io.stdinIsTTY && deps.io.stderrIsTTY && globals.input && !ci,
    showProgress,
    shell: shellFor(platform()),
    note: (text) => deps.io.stderr.write(`${text}\n`),
  };
}

/**
 * The HTTP client a command uses: the global flags (timeout, --allow-http, --allow-private, --verbose
 * trace, Ctrl-C) applied to the transport. In the real process (deps.fetch is the global fetch) the
 * transport is platform/node-fetch.ts, which applies the address rule to the addresses it connects to
 * (DNS rebinding cannot pass a check made on an earlier answer) and trusts `transport.ca` (probe
 * --ca-file); an injected fetch (tests) gets the rule before each request instead.
 */
export function createCommandHttpClient(
  runtime: Pick<Runtime, 'deps' | 'globals' | 'errStyle'> & Partial<Pick<Runtime, 'progress'>>,
  extra: Partial<Pick<HttpClientOptions, 'keepExchanges' | 'makeResponse'>> = {},
  transport: { ca?: string } = {},
): HttpClient {
  const { deps, globals, errStyle } = runtime;
  const connectTime = deps.fetch === globalThis.fetch;
  const guard = globals.targets === undefined ? undefined : createAddressGuard({ allowPrivate: globals.allowPrivate === true, resolve: resolveHost, checkedAtConnect: connectTime }, globals.targets);
  const fetchImpl = connectTime ? createNodeFetch({ ...transport, ...(guard === undefined ? {} : { admit: guard.admit }), ...(extra.makeResponse === undefined ? {} : { makeResponse: extra.makeResponse }) }) : deps.fetch;
  return createHttpClient({
    fetch: runtime.progress === undefined ? fetchImpl : runtime.progress.track(fetchImpl),
    timeoutMs: globals.timeoutMs,
    allowHttp: globals.allowHttp,
    userAgent: USER_AGENT,
    signal: deps.signal,
    clock: deps.clock,
    ...(guard === undefined ? {} : { addressGuard: guard }),
    onExchange: globals.verbose ? (exchange) => deps.io.stderr.write(formatExchange(exchange, errStyle)) : undefined,
    ...extra,
  });
}

/** The --verbose trace line of one exchange; headers are already masked by the HTTP client. */
export function formatExchange(exchange: HttpExchange, style: Style): string {
  const safe = terminalText;
  const outcome = exchange.error
    ? style.red(`failed: ${safe(exchange.error.message)}`)
    : safe(`${exchange.status ?? '?'} ${exchange.contentType ?? ''} ${exchange.bytes ?? 0} bytes`.trim());
  const label = exchange.label ? style.dim(` (${exchange.label})`) : '';
  const lines = [`${style.dim('http')} ${exchange.method} ${safe(exchange.url)}${label} -> ${outcome} in ${exchange.durationMs} ms`];
  if (exchange.location) lines.push(`${style.dim('http')}   redirect to ${safe(exchange.location)} (not followed)`);
  // Header values may carry obs-text bytes (C1 controls once decoded): sanitised like any server text.
  for (const [name, value] of Object.entries(exchange.requestHeaders)) lines.push(style.dim(`http   > ${safe(name)}: ${safe(value)}`));
  for (const [name, value] of Object.entries(exchange.responseHeaders)) lines.push(style.dim(`http   < ${safe(name)}: ${safe(value)}`));
  return `${lines.join('\n')}\n`;
}
