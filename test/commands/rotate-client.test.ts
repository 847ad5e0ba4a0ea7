import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { credentialInputFromTokens } from '../../src/core/store/credential-input.js';
import type { CredentialStore } from '../../src/core/store/credential-store.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { insecure, LOOPBACK_REDIRECT_URI, registerNativeClient, runCodeFlow, startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput, storeEnv } from '../helpers/obtain-tokens.js';
import { createTestDeps } from '../helpers/test-deps.js';

let h: Harness;
let home: string;
let store: CredentialStore;

beforeEach(async () => {
  h = await startHarness();
  home = await mkdtemp(join(tmpdir(), 'mcpauth-rotate-client-'));
  store = await openCredentialStore({ env: storeEnv(home), now: () => new Date() });
});

afterEach(async () => {
  await h.close();
  await rm(home, { recursive: true, force: true });
});

async function rotateClient(args: string[]) {
  const deps = createTestDeps({ env: storeEnv(home) });
  const code = await runCli(['rotate', '--client', ...args], deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

/** A login whose DCR registration kept its RFC 7592 management credentials, as `rotate --client` does. */
async function seedManagedClient() {
  const client = await registerNativeClient(h.as.endpoints);
  await store.saveClientRegistration(
    { issuer: h.issuer, clientId: client.client_id, method: 'dcr', tokenEndpointAuthMethod: 'none', redirectUris: [LOOPBACK_REDIRECT_URI], grantTypes: client.grant_types as string[], registeredAt: new Date().toISOString(), registrationClientUri: String(client.registration_client_uri) },
    { registrationAccessToken: String(client.registration_access_token) },
  );
  const flow = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl, client });
  const input = credentialInputFromTokens(flow.tokens, { serverUrl: h.mcpUrl, resource: h.mcpUrl, as: h.as.endpoints, clientId: client.client_id, tokenEndpointAuthMethod: 'none', requestedScopes: ['mcp:tools'], registrationMethod: 'dcr', now: new Date() });
  return { client, credential: await store.save(input) };
}

describe('mcpauth rotate --client (harness AS with RFC 7592 registration management)', () => {
  it('registers a new client, deletes the old one at the AS, keeps the new management credentials, and says to log in', async () => {
    const { client, credential } = await seedManagedClient();
    const secrets = await store.readSecrets(credential);
    const { code, out } = await rotateClient([h.mcpUrl, '--json']);
    expect(code).toBe(0);
    const { clients } = JSON.parse(out) as { clients: Array<Record<string, string>> };
    expect(clients).toEqual([{ serverUrl: h.mcpUrl, issuer: h.issuer, oldClientId: client.client_id, newClientId: expect.any(String), loginCommand: `mcpauth login ${h.mcpUrl}`, status: 'replaced' }]);
    const saved = await store.getClientRegistration(h.issuer);
    expect(saved?.registration).toMatchObject({ clientId: clients[0]?.newClientId, redirectUris: [LOOPBACK_REDIRECT_URI], registrationClientUri: expect.stringContaining('/reg/') });
    expect(saved?.secrets.registrationAccessToken).toEqual(expect.any(String));
    // The old client is gone: its refresh token no longer works at the token endpoint.
    const old = { client_id: client.client_id, token_endpoint_auth_method: 'none' };
    const response = await oauth.refreshTokenGrantRequest(h.as.endpoints, old, oauth.None(), secrets.refreshToken!, insecure);
    await expect(oauth.processRefreshTokenResponse(h.as.endpoints, old, response)).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('without management credentials for the old client: new client registered, old one kept, and why (human)', async () => {
    await store.save(await obtainCredentialInput(h));
    const { code, out } = await rotateClient([h.mcpUrl]);
    expect(code).toBe(0);
    expect(out.replaceAll(h.mcpUrl, 'MCP_URL').replaceAll(h.issuer, 'ISSUER').replace(/client [\w-]{10,}/g, 'client ID')).toMatchInlineSnapshot(`
      "✓ MCP_URL  (ISSUER)
          registered a new client ID
          the old client ID cannot be deleted: its registration kept no RFC 7592 registration_client_uri and registration_access_token (the AS did not return them, or it was registered before mcpauth kept them). It stays registered at the AS; ask its administrator to remove it.
          tokens belong to the client they were issued to: log in again with mcpauth login MCP_URL
      "
    `);
  });

  it('a pre-registered client cannot be replaced: exit 2 with the reason', async () => {
    const input = await obtainCredentialInput(h);
    await store.save({ ...input, registrationMethod: 'pre-registered' });
    const { code, out } = await rotateClient([h.mcpUrl]);
    expect(code).toBe(2);
    expect(out).toContain('was not registered dynamically but by hand (pre-registered)');
  });
});
