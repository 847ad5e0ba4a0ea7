import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialInputFromTokens } from '../../src/core/store/credential-input.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import type { AuthServer } from '../harness/index.js';

/** A fresh MCPAUTH_HOME holding one credential for `serverUrl`, as login would leave it (file backend). */
export async function storeTokenForTest(as: AuthServer, serverUrl: string, accessToken: string, clientId = 'harness-public', scope = 'mcp:tools'): Promise<Record<string, string>> {
  const home = await mkdtemp(join(tmpdir(), 'mcpauth-token-test-'));
  const env = { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' };
  const store = await openCredentialStore({ env, now: () => new Date() });
  const asFields = { issuer: as.issuer, token_endpoint: String(as.endpoints.token_endpoint), introspection_endpoint: as.endpoints.introspection_endpoint };
  await store.save(credentialInputFromTokens({ access_token: accessToken, token_type: 'Bearer', scope }, {
    serverUrl, resource: serverUrl, as: asFields, clientId, tokenEndpointAuthMethod: 'none', requestedScopes: [scope], now: new Date(),
  }));
  return env;
}
