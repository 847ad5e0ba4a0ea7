import { CliError } from '../../errors.js';
import { McpHttpError } from '../mcp/mcp-error.js';
import { splitScopes, unionScopes } from './scope-strategy.js';

export interface HeldToken {
  accessToken: string;
  scopes: readonly string[];
}

/** Why a new authorization is needed, for the confirmation question and the report. */
export interface ReauthorizeReason {
  kind: 'insufficient_scope' | 'unauthorized';
  /** Scopes the challenge named (authoritative for this request, [25-11 L109-113]). */
  required: string[];
  /** What will be requested: for a 403, the union with what was granted (SEP-2350). */
  requested: string[] | undefined;
}

export interface AuthorizedCallDeps {
  token(): Promise<HeldToken>;
  /** The refresh grant after a 401; throws CliError('auth') when there is nothing to refresh with. */
  refresh(): Promise<HeldToken>;
  /** Asks (or takes --step-up as yes); false stops with an explanation. */
  confirm(reason: ReauthorizeReason): Promise<boolean>;
  reauthorize(reason: ReauthorizeReason): Promise<HeldToken>;
  /**
   * The server's answer to the first request without any token (its 401 challenge), asked when the
   * first request WITH our token failed with 5xx: some token verifiers (the TS SDK example's among
   * them) answer an unknown token with 500 instead of 401 (interop-notes.md).
   */
  challengeWithoutToken?: () => Promise<McpHttpError | undefined>;
  /** Told when a 5xx is read as a refused token, so the user sees why a login follows. */
  note?: (text: string) => void;
}

/** [25-11 L555-556]: retry limits; the conformance suite accepts at most 3 authorization attempts. */
export const MAX_ATTEMPTS = 3;

/**
 * Runs an MCP operation with a stored token, and recovers the way the client algorithm says (§2.0
 * step 9): a 401 refreshes once, then re-authorizes; a 403 insufficient_scope re-authorizes with the
 * union of granted and challenged scopes. At most MAX_ATTEMPTS runs of the operation in all.
 */
export async function withAuthorization<T>(operation: (token: string) => Promise<T>, deps: AuthorizedCallDeps): Promise<T> {
  let held = await deps.token();
  let refreshed = false;
  let last: ReauthorizeReason | undefined;
  for (let attempt = 1; ; attempt += 1) {
    let failure: McpHttpError;
    try {
      return await operation(held.accessToken);
    } catch (error) {
      if (!(error instanceof McpHttpError)) throw error;
      failure = error.status >= 500 ? await asRefusedToken(error, deps) : error;
      if (failure.status !== 401 && failure.status !== 403) throw failure;
    }
    const reason = await reasonFor(failure, held);
    if (reason === undefined) throw failure;
    if (attempt >= MAX_ATTEMPTS) throw gaveUp(reason, attempt, last);
    last = reason;
    if (reason.kind === 'unauthorized' && !refreshed) {
      refreshed = true;
      const renewed = await deps.refresh().catch((error: unknown) => (error instanceof CliError && error.code === 'auth' ? undefined : Promise.reject(error)));
      if (renewed) {
        held = renewed;
        continue;
      }
    }
    if (!(await deps.confirm(reason))) throw declined(reason);
    held = await deps.reauthorize(reason);
  }
}

/**
 * A 5xx to the first request (initialize / server/discover) is read as "the token was refused" only
 * when the same server answers a tokenless request with a 401 challenge: then auth is demanded and our
 * token is what the server choked on. Anything else keeps the 5xx.
 */
async function asRefusedToken(error: McpHttpError, deps: AuthorizedCallDeps): Promise<McpHttpError> {
  if (deps.challengeWithoutToken === undefined || (error.method !== 'initialize' && error.method !== 'server/discover')) return error;
  const challenge = await deps.challengeWithoutToken().catch(() => undefined);
  if (challenge?.status !== 401) return error;
  deps.note?.(`The server answered ${error.method} with HTTP ${error.status} to the stored token but asks for authorization (401) without one: it could not validate the token (its authorization server may have restarted and forgotten it). Treating it as a refused token.`);
  return challenge;
}

async function reasonFor(error: McpHttpError, held: HeldToken): Promise<ReauthorizeReason | undefined> {
  // Loaded on the first 401/403: login discovery brings oauth4webapi and the IdP catalogue, which a
  // call with a good token (every request of a long-running proxy) never needs.
  const { readChallengeHeader } = await import('./login-discovery.js');
  const challenge = await readChallengeHeader(error.wwwAuthenticate);
  const required = splitScopes(challenge.scope);
  if (error.status === 401) return { kind: 'unauthorized', required, requested: required.length > 0 ? required : undefined };
  // RFC 6750 §3.1: only insufficient_scope asks for more scopes; any other 403 is not ours to fix.
  if (challenge.error !== 'insufficient_scope') return undefined;
  return { kind: 'insufficient_scope', required, requested: unionScopes(held.scopes, required) };
}

function gaveUp(reason: ReauthorizeReason, attempts: number, previous: ReauthorizeReason | undefined): CliError {
  const needed = reason.required.join(' ') || '(no scope named)';
  const again = previous?.kind === reason.kind ? ' again' : '';
  return new CliError('auth', `the server still refused${again} after ${attempts} attempts (${reason.kind === 'insufficient_scope' ? `it asks for scopes ${needed}` : 'HTTP 401'}).`, {
    hint: 'The authorization server may not grant these scopes to you; check with its administrator.',
  });
}

function declined(reason: ReauthorizeReason): CliError {
  if (reason.kind === 'insufficient_scope') {
    return new CliError('auth', `the server needs scopes ${reason.required.join(' ')} that the stored credential lacks.`, {
      hint: 'Run the command again with --step-up to re-authorize with them.',
    });
  }
  return new CliError('auth', 'the server refused the stored credential (HTTP 401) and it could not be refreshed.', { hint: 'Run mcpauth login <url> again.' });
}
