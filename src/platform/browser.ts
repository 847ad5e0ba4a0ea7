import { spawn } from 'node:child_process';
import { isLoopbackHost } from '../core/http/url-policy.js';

/** How the authorization URL reaches a person (or a test's stand-in). */
export type BrowserChoice = { kind: 'print' } | { kind: 'system' } | { kind: 'program'; program: string };

export interface OpenResult {
  opened: boolean;
  /** Why nothing was opened, for a note on stderr. */
  reason?: string;
  /** A --browser program's exit status (a system opener is detached and not watched). */
  exited?: Promise<number | null>;
}

/**
 * The last gate before a URL leaves the process (CVE-2025-6514: an authorization_endpoint from hostile
 * metadata reached a shell). Only a parseable http(s) URL without credentials or whitespace passes;
 * plain http only for loopback hosts unless --allow-http. Best Practices L749-763.
 */
export function checkOpenableUrl(raw: string, allowHttp: boolean): URL {
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) throw new Error('the URL contains whitespace or control characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('the URL does not parse');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the ${url.protocol} scheme is never opened`);
  if (url.username || url.password) throw new Error('the URL carries a user name or password');
  // The one loopback rule (core/http/url-policy.ts), so login's checks and the browser never disagree.
  if (url.protocol === 'http:' && !allowHttp && !isLoopbackHost(url.hostname)) {
    throw new Error('plain http is only opened for loopback hosts');
  }
  return url;
}

function systemOpener(platform: NodeJS.Platform): [string, string[]] {
  if (platform === 'darwin') return ['open', []];
  // rundll32 hands the URL to the default browser without cmd.exe or PowerShell in between.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler']];
  return ['xdg-open', []];
}

/**
 * Opens the URL with an argument array and never a shell. `--browser "prog --flag"` is split on
 * spaces (no quoting, no expansion) and the URL is appended as the last argument.
 */
export function openInBrowser(url: URL, choice: BrowserChoice, options: { platform: NodeJS.Platform; allowHttp: boolean }): Promise<OpenResult> {
  if (choice.kind === 'print') return Promise.resolve({ opened: false, reason: '--no-browser' });
  let safe: URL;
  try {
    safe = checkOpenableUrl(url.href, options.allowHttp);
  } catch (error) {
    return Promise.resolve({ opened: false, reason: `not opened: ${(error as Error).message}` });
  }
  const [command, args] = choice.kind === 'program' ? splitProgram(choice.program) : systemOpener(options.platform);
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, [...args, safe.href], { shell: false, stdio: 'ignore', detached: choice.kind === 'system', windowsHide: true });
    } catch (error) {
      // spawn throws synchronously for E2BIG (a URL longer than the OS allows on a command line).
      resolve({ opened: false, reason: `${command} could not be started (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); open the URL above by hand` });
      return;
    }
    child.once('error', (error) => resolve({ opened: false, reason: `${command} could not be started (${error.message})` }));
    child.once('spawn', () => {
      if (choice.kind === 'system') {
        child.unref();
        resolve({ opened: true });
        return;
      }
      resolve({ opened: true, exited: new Promise((done) => child.once('exit', (code) => done(code))) });
    });
  });
}

function splitProgram(program: string): [string, string[]] {
  const [command = '', ...args] = program.trim().split(/\s+/);
  return [command, args];
}
