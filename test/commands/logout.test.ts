import * as oauth from 'oauth4webapi';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insecure, PRESET_CLIENTS, startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { createStoreCommandFixture, normalizeStoreOutput, type StoreCommandFixture } from './store-command-fixture.js';

let h: Harness;
let f: StoreCommandFixture;
const NOW = new Date();

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  f = await createStoreCommandFixture(NOW);
});
afterEach(async () => f.cleanup());

/** Asks the AS (as the MCP server's introspection client) whether a token is still active. */
async function introspect(token: string): Promise<boolean> {
  const { client_id, client_secret } = PRESET_CLIENTS.introspector;
  const client = { client_id };
  const response = await oauth.introspectionRequest(h.as.endpoints, client, oauth.ClientSecretBasic(client_secret), token, insecure);
  return (await oauth.processIntrospectionResponse(h.as.endpoints, client, response)).active;
}

describe('mcpauth logout', () => {
  it('revokes the refresh token at the AS (introspection: inactive), is honest about the JWT access token, deletes locally', async () => {
    const input = await obtainCredentialInput(h);
    input.accessTokenExpiresAt = new Date(NOW.getTime() + 540_000).toISOString();
    await f.store.save(input);
    const refreshToken = input.secrets.refreshToken ?? '';
    expect(await introspect(refreshToken)).toBe(true);
    const { code, out, err } = await f.run(['logout', h.mcpUrl]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(normalizeStoreOutput(out, h, f.home)).toMatchInlineSnapshot(`
      "Logged out of http://MCP/mcp (issuer http://AS)
        refresh token revoked at http://AS/token/revocation
        access token  not revocable at this authorization server (unsupported_token_type: Structured JWT Tokens cannot be revoked via the revocation_endpoint); it stays valid at the MCP server until it expires (in 9 min)
        local entry   deleted (metadata and secret file entry)
      "
    `);
    expect(await introspect(refreshToken)).toBe(false);
    expect(await f.store.list()).toEqual([]);
    expect((await f.run(['status', h.mcpUrl])).code).toBe(4);
  });

  it('--all --json logs out of every server, says what happened, never shows a token', async () => {
    const first = await obtainCredentialInput(h);
    const second = await obtainCredentialInput(h, { serverUrl: `${h.mcpUrl}/` });
    await f.store.save(first);
    await f.store.save({ ...second, issuer: `${h.issuer}/other-tenant-label` });
    const { code, out, err } = await f.run(['logout', '--all', '--yes', '--json', '--verbose']);
    expect(code).toBe(0);
    for (const secret of [first.secrets.accessToken, first.secrets.refreshToken, second.secrets.accessToken, second.secrets.refreshToken]) {
      expect(out + err).not.toContain(String(secret).slice(0, 16));
    }
    const outcomes = JSON.parse(out).loggedOut as Array<Record<string, unknown>>;
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ refreshToken: { status: 'revoked' }, accessToken: { status: 'rejected', error: 'unsupported_token_type' }, deleted: true });
    }
    expect(err).toContain('(revoke refresh token) -> 200');
    expect(await introspect(String(first.secrets.refreshToken))).toBe(false);
    expect(await introspect(String(second.secrets.refreshToken))).toBe(false);
    expect(await f.store.list()).toEqual([]);
  });

  it('without a revocation endpoint: deletes locally and says the tokens were not revoked', async () => {
    const input = await obtainCredentialInput(h);
    delete input.revocationEndpoint;
    await f.store.save(input);
    const { code, out } = await f.run(['logout', h.mcpUrl]);
    expect(code).toBe(0);
    expect(out).toContain('refresh token not revoked: the authorization server offers no revocation_endpoint');
    expect(out).toContain('local entry   deleted (metadata and secret file entry)');
    expect(await introspect(String(input.secrets.refreshToken))).toBe(true);
  });

  it('usage and nothing-to-do errors', async () => {
    expect((await f.run(['logout'])).code).toBe(2);
    expect((await f.run(['logout', h.mcpUrl, '--all'])).code).toBe(2);
    const none = await f.run(['logout', h.mcpUrl]);
    expect(none.code).toBe(4);
    expect(normalizeStoreOutput(none.err, h, f.home)).toContain('no stored credential for http://MCP/mcp: nothing to log out.');
  });
});
