import { performLogin, type LoginRequest } from '../core/flows/login.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { browserChoice, createLoginDeps } from './login-deps.js';
import type { Runtime } from './runtime.js';
import type { SetupOptions } from './setup.js';

/** `setup --write` for a proxy entry with no stored credential: the same login as `mcpauth login`. */
export async function loginForSetup(options: SetupOptions & { url: string }, runtime: Runtime, store: CredentialStore): Promise<void> {
  runtime.note(`No stored credential for ${options.url}: logging in first (the proxy entry uses it).`);
  const request: LoginRequest = { serverUrl: options.url, wire: '2025-11-25', version: '2025-11-25', flow: options.device ? 'device' : 'code', assumePkceS256: false, port: 0 };
  if (options.clientId !== undefined) request.preregistered = { clientId: options.clientId };
  await performLogin(request, createLoginDeps(runtime, store, browserChoice(options.browser, runtime.deps.env)));
}
