import type { Harness } from '../harness/index.js';
import { runCodeFlow } from '../harness/index.js';
import { credentialInputFromTokens } from '../../src/core/store/credential-input.js';
import type { SaveCredentialInput } from '../../src/core/store/credential.js';

export interface ObtainOptions {
  login?: string;
  scope?: string;
  /** The server URL as a user would type it (default: the harness MCP URL). */
  serverUrl?: string;
  /** Pretend the access token expired this many ms ago (forces a refresh). */
  expiredMsAgo?: number;
}

/**
 * Real tokens from the harness AS (DCR public client, code + PKCE, consent driver), turned into
 * store input exactly as `login` does, without depending on the login command.
 */
export async function obtainCredentialInput(h: Harness, options: ObtainOptions = {}): Promise<SaveCredentialInput> {
  const flow = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl, scope: options.scope ?? 'mcp:tools', login: options.login });
  const input = credentialInputFromTokens(flow.tokens, {
    serverUrl: options.serverUrl ?? h.mcpUrl,
    resource: h.mcpUrl,
    as: h.as.endpoints,
    clientId: flow.client.client_id,
    tokenEndpointAuthMethod: 'none',
    requestedScopes: [options.scope ?? 'mcp:tools'],
    registrationMethod: 'dcr',
    now: new Date(),
  });
  if (options.expiredMsAgo !== undefined) input.accessTokenExpiresAt = new Date(Date.now() - options.expiredMsAgo).toISOString();
  return input;
}

/** A fresh MCPAUTH_HOME-style env for one test, file backend forced. */
export function storeEnv(home: string): Record<string, string> {
  return { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' };
}
