import { platform } from 'node:os';
import type { HeldToken, ReauthorizeReason } from '../core/flows/authorized-call.js';
import type { LoginRequest } from '../core/flows/login.js';
import { getFreshAccessToken } from '../core/flows/refresh.js';
import type { ProxyAuthDeps } from '../core/proxy/proxy-auth.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { CliError } from '../errors.js';
import { VERSION } from '../version.js';
import type { ProxyOptions } from './proxy.js';
import type { Runtime } from './runtime.js';

/**
 * The store, refresh and login behind the proxy: the same store and the same cross-process
 * single-flight refresh as `call` and `rotate` (core/flows/refresh.ts), and the same login as
 * `mcpauth login` (the opener that never reaches a shell, the device flow on a machine without display).
 */
const NO_TOKEN: HeldToken = { accessToken: '', scopes: [] };

export function createProxyAuthDeps(options: ProxyOptions, runtime: Runtime, store: CredentialStore): ProxyAuthDeps {
  const fresh = { store, fetch: runtime.http.fetch, now: runtime.deps.now, allowHttp: runtime.globals.allowHttp };
  const read = async (force: boolean): Promise<HeldToken> => {
    const token = await getFreshAccessToken(options.url, fresh, { forceRefresh: force });
    return { accessToken: token.accessToken, scopes: token.credential.scopes };
  };
  return {
    token: async () => {
      // No credential yet: go without one; the server's 401 starts a login (or it needs none).
      if (!(await store.find(options.url))) return NO_TOKEN;
      // A refresh that fails (revoked grant) is the server's 401 to come: the login path handles both.
      return read(false).catch((error: unknown) => (error instanceof CliError && error.code === 'auth' ? NO_TOKEN : Promise.reject(error)));
    },
    refresh: async (failed) => {
      if (!(await store.find(options.url))) throw new CliError('auth', `no stored credential for ${options.url}.`);
      // Another proxy on the same credential may have refreshed already: use its token, do not refresh again.
      const stored = await read(false);
      return stored.accessToken !== failed && failed !== '' ? stored : read(true);
    },
    onReauthorize: (reason) => runtime.note(explain(reason, options.url)),
    challengeWithoutToken: async () => {
      const { tokenlessChallenge } = await import('../core/mcp/tokenless-challenge.js');
      return tokenlessChallenge({ url: options.url, fetch: runtime.http.fetch, version: '2025-11-25', clientInfo: { name: 'mcpauth-proxy', version: VERSION } });
    },
    note: (text) => runtime.note(`mcpauth proxy: ${text}`),
    reauthorize: async (reason) => {
      await login(options, runtime, store, reason);
      return read(false);
    },
  };
}

function explain(reason: ReauthorizeReason, url: string): string {
  if (reason.kind === 'insufficient_scope') return `mcpauth proxy: the server needs scope ${reason.required.join(' ') || '(unnamed)'}; logging in again for ${reason.requested?.join(' ') ?? 'it'} (requests wait meanwhile).`;
  return `mcpauth proxy: ${url} needs a login (no usable stored credential); starting it now (requests wait meanwhile).`;
}

/** No display to show a browser on (Linux without X/Wayland): the device flow. */
function wantsDevice(options: ProxyOptions, runtime: Runtime): boolean {
  if (options.device) return true;
  const env = runtime.deps.env;
  return platform() === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY && options.browser === true && !env.MCPAUTH_BROWSER;
}

async function login(options: ProxyOptions, runtime: Runtime, store: CredentialStore, reason: ReauthorizeReason): Promise<void> {
  const credential = await store.find(options.url);
  const request: LoginRequest = {
    serverUrl: credential?.serverUrl ?? options.url,
    wire: '2025-11-25',
    version: '2025-11-25',
    flow: wantsDevice(options, runtime) ? 'device' : 'code',
    assumePkceS256: false,
    port: options.port,
  };
  if (reason.requested !== undefined) request.scopes = reason.requested;
  else if (options.scope !== undefined) request.scopeOverride = options.scope;
  const clientId = options.clientId ?? (credential?.registrationMethod === 'pre-registered' ? credential.clientId : undefined);
  if (clientId !== undefined) {
    const secrets: { clientSecret?: string } = credential?.clientId === clientId ? await store.readSecrets(credential) : {};
    request.preregistered = secrets.clientSecret === undefined ? { clientId } : { clientId, clientSecret: secrets.clientSecret };
  }
  if (credential?.registrationMethod === 'cimd') request.metadataUrl = credential.clientId;
  if (options.resource !== undefined) request.idpOverrides = { resource: options.resource };
  // Loaded on demand: a proxy that never needs a login never pays for the login code (memory).
  const { performLogin } = await import('../core/flows/login.js');
  const { browserChoice, createLoginDeps } = await import('./login-deps.js');
  const deadline = AbortSignal.timeout(options.loginTimeout * 1000);
  const loginRuntime: Runtime = { ...runtime, deps: { ...runtime.deps, signal: AbortSignal.any([runtime.deps.signal, deadline]) } };
  try {
    await performLogin(request, createLoginDeps(loginRuntime, store, browserChoice(options.browser, runtime.deps.env)));
  } catch (error) {
    if (deadline.aborted) throw new CliError('auth', `the login for ${options.url} did not finish within ${options.loginTimeout} s.`, { cause: error });
    throw error;
  }
}
