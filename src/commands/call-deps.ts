import type { AuthorizedCallDeps, HeldToken, ReauthorizeReason } from '../core/flows/authorized-call.js';
import { getFreshAccessToken } from '../core/flows/refresh.js';
import { describeDiagnosis, diagnoseToken } from '../core/idp/diagnose-token.js';
import type { StoredCredential } from '../core/store/credential.js';
import { performLogin, type LoginRequest } from '../core/flows/login.js';
import { tokenlessChallenge } from '../core/mcp/tokenless-challenge.js';
import type { McpProtocolVersion } from '../core/mcp/protocol-version.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { CliError } from '../errors.js';
import { confirmOrFlag } from '../platform/prompt.js';
import type { CallOptions } from './call.js';
import { browserChoice, createLoginDeps } from './login-deps.js';
import type { Runtime } from './runtime.js';
import { terminalText } from '../output/terminal-text.js';
import { formatCommand } from '../output/shell-quote.js';

/** The store, refresh and re-login behind `call`'s retry loop (core/flows/authorized-call.ts). */
export async function createAuthorizedCallDeps(options: CallOptions, runtime: Runtime, store: CredentialStore, version: McpProtocolVersion): Promise<AuthorizedCallDeps> {
  const fresh = { store, fetch: runtime.http.fetch, now: runtime.deps.now, allowHttp: runtime.globals.allowHttp };
  let last: { token: string; credential: StoredCredential } | undefined;
  const held = async (force: boolean): Promise<HeldToken> => {
    const token = await getFreshAccessToken(options.url, fresh, { forceRefresh: force });
    last = { token: token.accessToken, credential: token.credential };
    return { accessToken: token.accessToken, scopes: token.credential.scopes };
  };
  if (!(await store.find(options.url))) {
    throw new CliError('auth', `no stored credential for ${options.url}.`, { hint: `Run ${formatCommand(['mcpauth', 'login', options.url], runtime.shell)} first.` });
  }
  return {
    token: () => held(false),
    refresh: () => held(true),
    confirm: async (reason) => {
      runtime.note(terminalText(explain(reason)));
      // idp-quirks.md §18.8: on a 401, what the server expects beside what the token carries.
      if (reason.kind === 'unauthorized' && last !== undefined) {
        const { credential, token } = last;
        const diagnosis = diagnoseToken({ token, resource: credential.resource, issuer: credential.issuer, scopes: reason.required, metadata: { issuer: credential.issuer, token_endpoint: credential.tokenEndpoint } });
        for (const line of describeDiagnosis(diagnosis)) runtime.note(`  ${terminalText(line)}`);
      }
      if (options.stepUp) return true;
      // Without a terminal this is "log in again" (exit 4, like every command), not a usage error.
      if (!runtime.canPrompt) throw loginAgain(options.url, reason, runtime);
      return confirmOrFlag(runtime, 'Re-authorize now?', '--step-up', true);
    },
    reauthorize: async (reason) => {
      await reLogin(options.url, reason, runtime, store, version);
      return held(false);
    },
    challengeWithoutToken: () => tokenlessChallenge({ url: options.url, fetch: runtime.http.fetch, version, clientInfo: { name: 'mcpauth', version: '0' } }),
    note: (text) => runtime.note(runtime.errStyle.yellow(text)),
  };
}

function loginAgain(url: string, reason: ReauthorizeReason, runtime: Runtime): CliError {
  const scopes = reason.kind === 'insufficient_scope' ? (reason.requested ?? reason.required) : [];
  const what = reason.kind === 'insufficient_scope' ? `the server needs scope ${reason.required.join(' ') || '(unnamed)'}, which the stored credential does not hold` : 'the server refused the stored credential and refreshing did not help';
  const login = formatCommand(['mcpauth', 'login', url, ...(scopes.length > 0 ? ['--scope', scopes.join(' ')] : [])], runtime.shell);
  return new CliError('auth', `${what}; a new authorization is needed and there is no terminal to ask on.`, {
    hint: `Log in again: ${login}, or pass --step-up to re-authorize from this command.`,
  });
}

function explain(reason: ReauthorizeReason): string {
  if (reason.kind === 'insufficient_scope') {
    return `The server needs scope ${reason.required.join(' ') || '(unnamed)'}; mcpauth will ask for ${reason.requested?.join(' ') ?? 'the same scopes'} (403 insufficient_scope).`;
  }
  return 'The server refused the stored credential (401) and refreshing did not help; a new login is needed.';
}

/** A fresh authorization for the same server and client, with the scopes the challenge asked for. */
async function reLogin(url: string, reason: ReauthorizeReason, runtime: Runtime, store: CredentialStore, version: McpProtocolVersion): Promise<void> {
  const credential = await store.find(url);
  const request: LoginRequest = {
    serverUrl: credential?.serverUrl ?? url,
    wire: version >= '2026-07-28' ? '2026-07-28' : '2025-11-25',
    version,
    flow: 'code',
    assumePkceS256: false,
    port: 0,
  };
  if (reason.requested !== undefined) request.scopes = reason.requested;
  // A 403 insufficient_scope proves the server accepted this client's token: no need to check the client.
  if (reason.kind === 'insufficient_scope') request.checkClient = false;
  if (credential?.registrationMethod === 'pre-registered') {
    const secrets = await store.readSecrets(credential);
    request.preregistered = secrets.clientSecret === undefined ? { clientId: credential.clientId } : { clientId: credential.clientId, clientSecret: secrets.clientSecret };
    request.preregisteredIssuer = credential.issuer;
  }
  if (credential?.registrationMethod === 'cimd') request.metadataUrl = credential.clientId;
  await performLogin(request, createLoginDeps(runtime, store, browserChoice(true, runtime.deps.env)));
}
