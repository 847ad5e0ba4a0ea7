import { generateRandomState } from 'oauth4webapi';
import type { DevicePrompt } from '../core/flows/device-flow.js';
import type { LoginDeps } from '../core/flows/login.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { CliError } from '../errors.js';
import { openInBrowser, type BrowserChoice } from '../platform/browser.js';
import { startLoopbackListener } from '../platform/loopback-listener.js';
import { platform } from 'node:os';
import type { Runtime } from './runtime.js';
import { terminalText } from '../output/terminal-text.js';

/** How long the loopback listener waits for the browser (a person reads, signs in, consents). */
export const CALLBACK_TIMEOUT_MS = 5 * 60 * 1000;

/** --browser / --no-browser / MCPAUTH_BROWSER -> how the URL is presented. */
export function browserChoice(flag: string | boolean, env: Runtime['deps']['env']): BrowserChoice {
  if (flag === false) return { kind: 'print' };
  if (typeof flag === 'string' && flag !== '') return { kind: 'program', program: flag };
  const fromEnv = env.MCPAUTH_BROWSER;
  return fromEnv ? { kind: 'program', program: fromEnv } : { kind: 'system' };
}

/** No terminal to show a browser on, or no display: the device flow is the better default. */
export function cannotOpenBrowser(runtime: Runtime, platform: NodeJS.Platform): boolean {
  const env = runtime.deps.env;
  if (!runtime.deps.io.stderrIsTTY) return true;
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

export function sleepFor(signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new CliError('cancelled', 'cancelled.'));
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new CliError('cancelled', 'cancelled.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
}

function devicePrompt(runtime: Runtime): (prompt: DevicePrompt) => void {
  return (prompt) => {
    const s = runtime.errStyle;
    // Every part of the prompt is the authorization server's choice (a user_code can carry OSC 52).
    runtime.note(`To log in, open ${s.cyan(terminalText(prompt.verificationUri))} and enter the code ${s.bold(terminalText(prompt.userCode, { maxLength: 100 }))}`);
    if (prompt.verificationUriComplete) runtime.note(`  (or open ${terminalText(prompt.verificationUriComplete)})`);
    runtime.note(s.dim(`Waiting for approval (the code expires in ${Math.round(prompt.expiresInSeconds / 60)} min; Ctrl-C to cancel)…`));
  };
}

/** The Node side of a login: loopback listener, browser, clock, sleep, store and notes. */
export function createLoginDeps(runtime: Runtime, store: CredentialStore, choice: BrowserChoice): LoginDeps {
  const { deps } = runtime;
  const http = { fetch: runtime.http.fetch, allowHttp: runtime.globals.allowHttp };
  return {
    http,
    discovery: { fetch: runtime.http.fetch, clock: deps.clock, cache: new Map() },
    store,
    now: deps.now,
    clock: deps.clock,
    sleep: sleepFor(deps.signal),
    generateState: generateRandomState,
    startReceiver: (port, state, fallback, host) =>
      startLoopbackListener({ port, expectedState: state, timeoutMs: CALLBACK_TIMEOUT_MS, signal: deps.signal, fallbackToAnyPort: fallback, redirectHost: host }),
    presentUrl: async (url) => {
      // Always shown, so a failed or absent browser never leaves the user without a way forward.
      // Not shortened: the whole URL is what the user needs (href is percent-encoded, so it has no controls).
      runtime.note(`Open this URL to log in:\n  ${terminalText(url.href, { maxLength: Number.MAX_SAFE_INTEGER })}`);
      const opened = await openInBrowser(url, choice, { platform: platform(), allowHttp: runtime.globals.allowHttp });
      if (!opened.opened && choice.kind !== 'print') runtime.note(`(the browser was not opened: ${terminalText(opened.reason ?? '')})`);
      const target = terminalText(url.searchParams.get('redirect_uri') ?? 'the loopback listener');
      const minutes = Math.round(CALLBACK_TIMEOUT_MS / 60_000);
      runtime.note(runtime.errStyle.dim(`Waiting for the authorization server to send the browser back to ${target} (up to ${minutes} min; Ctrl-C to cancel)…`));
      // A --browser program that fails (exit status not 0) will not complete the sign-in: stop waiting.
      const program = choice.kind === 'program' ? choice.program.trim().split(/\s+/)[0] : undefined;
      const abandoned = opened.exited?.then((code) => (code === 0 ? new Promise<string>(() => undefined) : `the browser program ${program ?? ''} exited with status ${code ?? 'unknown'}`));
      return abandoned === undefined ? {} : { abandoned };
    },
    onDevicePrompt: devicePrompt(runtime),
    warn: (text) => runtime.note(runtime.errStyle.yellow(terminalText(text))),
  };
}
