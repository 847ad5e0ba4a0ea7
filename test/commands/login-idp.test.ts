import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getFreshAccessToken } from '../../src/core/flows/refresh.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { startAuth0Simulator } from '../harness/idp/auth0.js';
import { ENTRA_API_APP, ENTRA_APP_ID_URI, startEntraSimulator } from '../harness/idp/entra.js';
import { GITHUB_CLIENT_SECRET, startGithubSimulator } from '../harness/idp/github.js';
import type { IdpSimulator } from '../harness/idp/simulator.js';
import { GOOGLE_CLIENT_SECRET, startGoogleSimulator } from '../harness/idp/google.js';
import { startHarness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let sim: IdpSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const home = (): string => mkdtempSync(join(tmpdir(), 'mcpauth-login-idp-'));
const whoami = (out: string): Record<string, unknown> => JSON.parse(/\{[\s\S]*\}/.exec(out)?.[0] ?? '{}') as Record<string, unknown>;

async function storedCredential(env: Record<string, string>, url: string) {
  const store = await openCredentialStore({ env: { ...env, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
  return { store, credential: (await store.find(url))! };
}

describe('login then call against IdP simulators, with only the flags a user of that IdP passes', () => {
  it('Entra ID (--client-id only): PKCE assumed with a note, resource omitted everywhere, fully-qualified scope, aud = API GUID', async () => {
    sim = await startEntraSimulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--json'], env);
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(login.out)).toMatchObject({ identityProvider: 'entra', resourceSent: false, registration: 'pre-registered' });
    expect(login.err).toContain('Microsoft Entra ID supports PKCE S256 but does not advertise it');
    expect(login.err).toContain("Entra ID: 'resource' (" + sim.mcpUrl + ') is not sent');
    // §18.1: the redirect names localhost (port-less http://localhost registration matches any port).
    expect(login.err).toMatch(/redirect_uri=http%3A%2F%2Flocalhost%3A\d+%2Fcallback/);
    expect(login.err).not.toContain('prompt=');
    const call = await runMcpauth(['call', sim.mcpUrl, 'whoami'], env);
    expect(call.code, call.err).toBe(0);
    expect(whoami(call.out)).toMatchObject({ aud: ENTRA_API_APP });
    // The refresh replays the login's request: no resource, the same fully-qualified scope (AADSTS650053).
    const { store, credential } = await storedCredential(env, sim.mcpUrl);
    expect(credential.refreshParameters).toEqual({ scope: `${ENTRA_APP_ID_URI}/mcp.tools offline_access` });
    const fresh = await getFreshAccessToken(sim.mcpUrl, { store, fetch: (url, init) => fetch(url, init), now: () => new Date(), allowHttp: false }, { forceRefresh: true });
    expect(fresh.refreshed).toBe(true);
  });

  it('Entra ID: a forced --resource is rejected with AADSTS9010010, and the error says what it means and the fix', async () => {
    sim = await startEntraSimulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--resource', sim.mcpUrl], env);
    expect(login.code).not.toBe(0);
    expect(login.err).toContain('AADSTS9010010');
    expect(login.err).toContain('--no-resource');
  });

  it('Entra /common: the {tenantid} issuer template is accepted by the tid rule, with a note; nothing else is relaxed', async () => {
    sim = await startEntraSimulator({ multiTenant: true });
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--json'], env);
    expect(login.code, login.err).toBe(0);
    expect(login.err).toContain('Entra multi-tenant authority: the metadata issuer is ' + `${sim.as.url}/{tenantid}/v2.0`);
  });

  it('any other issuer difference is refused, and accepted only with --trust-issuer naming it exactly', async () => {
    const other = 'https://issuer.other.example/tenant';
    const harness = await startHarness({ as: { issuerOverride: other, authorizationResponseIssParameter: false } });
    try {
      const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
      const refused = await runMcpauth(['login', harness.mcpUrl], env);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toContain('--trust-issuer');
      const trusted = await runMcpauth(['login', harness.mcpUrl, '--trust-issuer', other], env);
      expect(trusted.code, trusted.err).toBe(0);
      expect(trusted.err).toContain('accepted because of --trust-issuer');
    } finally {
      await harness.close();
    }
  });

  it('Auth0 (--client-id only): audience = the PRM resource, trailing-slash issuer accepted with a warning, JWT for the API', async () => {
    sim = await startAuth0Simulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--json'], env);
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(login.out)).toMatchObject({ identityProvider: 'auth0', resourceSent: true });
    expect(login.err).toContain(`Auth0: sending audience=${sim.mcpUrl}`);
    expect(login.err).toContain('only by the trailing slash of an empty path');
    const call = await runMcpauth(['call', sim.mcpUrl, 'whoami'], env);
    expect(call.code, call.err).toBe(0);
    expect(whoami(call.out)).toMatchObject({ aud: sim.mcpUrl });
  });

  it('GitHub (--client-id + secret from env): 200-style token answers, opaque gho_ token, call works', async () => {
    sim = await startGithubSimulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER, GH_SECRET: GITHUB_CLIENT_SECRET };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--client-secret-env', 'GH_SECRET', '--json'], env);
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(login.out)).toMatchObject({ identityProvider: 'github', registration: 'pre-registered' });
    const call = await runMcpauth(['call', sim.mcpUrl, 'whoami'], env);
    expect(call.code, call.err).toBe(0);
    expect(whoami(call.out)).toMatchObject({ sub: 'octocat' });
    const { credential, store } = await storedCredential(env, sim.mcpUrl);
    expect((await store.readSecrets(credential)).accessToken).toMatch(/^gho_/);
  });

  it('Google (--client-id + secret): PRM issuer with a trailing slash accepted with a warning, access_type=offline, secret sent', async () => {
    sim = await startGoogleSimulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER, GOOGLE_SECRET: GOOGLE_CLIENT_SECRET };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--client-secret-env', 'GOOGLE_SECRET', '--json'], env);
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(login.out)).toMatchObject({ identityProvider: 'google' });
    expect(login.err).toContain('only by the trailing slash of an empty path');
    expect(login.err).toContain('access_type=offline');
    expect((await runMcpauth(['call', sim.mcpUrl, 'whoami'], env)).code).toBe(0);
  });

  it('GitHub App tokens (ghu_, 8 h, single-use ghr_ refresh token): the refresh rotates, the old refresh token is dead (§7 row 6)', async () => {
    sim = await startGithubSimulator({ appTokens: true });
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER, GH_SECRET: GITHUB_CLIENT_SECRET };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--client-secret-env', 'GH_SECRET', '--json'], env);
    expect(login.code, login.err).toBe(0);
    const { store, credential } = await storedCredential(env, sim.mcpUrl);
    const before = await store.readSecrets(credential);
    expect(before.accessToken).toMatch(/^ghu_/);
    expect(before.refreshToken).toMatch(/^ghr_/);
    expect(credential.refreshParameters).toEqual({ resource: sim.mcpUrl });
    const fresh = await getFreshAccessToken(sim.mcpUrl, { store, fetch: (url, init) => fetch(url, init), now: () => new Date(), allowHttp: false }, { forceRefresh: true });
    expect(fresh.refreshed).toBe(true);
    const after = await store.readSecrets(fresh.credential);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    const reuse = await fetch(`${sim.as.url}/login/oauth/access_token`, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams({ client_id: sim.client.clientId, client_secret: GITHUB_CLIENT_SECRET, grant_type: 'refresh_token', refresh_token: before.refreshToken ?? '' }) });
    expect(await reuse.json()).toMatchObject({ error: 'bad_refresh_token' });
    expect((await runMcpauth(['call', sim.mcpUrl, 'whoami'], env)).code).toBe(0);
  });

  it('GitHub without a secret: refused before the browser, naming the flags', async () => {
    sim = await startGithubSimulator();
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId], { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER });
    expect(login.code).toBe(2);
    expect(login.err).toContain('GitHub requires the client secret');
    expect(login.err).toContain('--client-secret-env');
  });

  it('GitHub with a wrong secret: the HTTP 200 error body surfaces as incorrect_client_credentials with the fix', async () => {
    sim = await startGithubSimulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER, GH_SECRET: 'wrong' };
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--client-secret-env', 'GH_SECRET'], env);
    expect(login.code).not.toBe(0);
    expect(login.err).toContain('incorrect_client_credentials');
    expect(login.err).not.toContain('access_token');
  });
});
