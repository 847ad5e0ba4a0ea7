import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSENT_BROWSER, runMcpauth } from '../../commands/login-helpers.js';
import { runCodeFlow } from '../oauth-client.js';
import { AUTH0_CLIENT_ID, startAuth0Simulator } from './auth0.js';
import { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, startGithubSimulator } from './github.js';
import { startKeycloakSimulator } from './keycloak.js';
import { startOktaSimulator } from './okta.js';

// Each simulator behaves as the catalogue row cited beside its knob; these tests pin that behaviour.
describe('IdP simulators behave as idp-quirks.md documents', () => {
  it('Auth0 ignores resource: without audience the access token is not a JWT for the API (§2 rows 3-4)', async () => {
    const sim = await startAuth0Simulator();
    try {
      const { tokens } = await runCodeFlow(sim.as.endpoints, { resource: sim.mcpUrl, scope: 'openid mcp:tools', client: { client_id: AUTH0_CLIENT_ID, token_endpoint_auth_method: 'none', id_token_signed_response_alg: 'ES256' } });
      expect(tokens.access_token.split('.')).not.toHaveLength(3);
      expect(sim.issuer.endsWith('/')).toBe(true);
    } finally {
      await sim.close();
    }
  });

  it('GitHub answers token errors with HTTP 200, form-encoded unless JSON is asked for (§7 rows 3-4)', async () => {
    const sim = await startGithubSimulator();
    try {
      const url = `${sim.as.url}/login/oauth/access_token`;
      const body = new URLSearchParams({ client_id: GITHUB_CLIENT_ID, client_secret: GITHUB_CLIENT_SECRET, code: 'nope', code_verifier: 'x'.repeat(43) });
      const form = await fetch(url, { method: 'POST', body });
      expect(form.status).toBe(200);
      expect(form.headers.get('content-type')).toContain('application/x-www-form-urlencoded');
      expect(new URLSearchParams(await form.text()).get('error')).toBe('bad_verification_code');
      const json = await fetch(url, { method: 'POST', body: new URLSearchParams({ client_id: GITHUB_CLIENT_ID, code: 'nope' }), headers: { accept: 'application/json' } });
      expect(json.status).toBe(200);
      expect(await json.json()).toMatchObject({ error: 'incorrect_client_credentials' });
      // Metadata only at the RFC 8414 path-inserted URL (github-mcp-server#2901).
      expect((await fetch(`${sim.as.url}/login/oauth/.well-known/oauth-authorization-server`)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });

  it('Keycloak anonymous DCR is refused by Trusted Hosts, and login maps the error to the realm-policy fix (§4 row 2)', async () => {
    const sim = await startKeycloakSimulator();
    try {
      const login = await runMcpauth(['login', sim.mcpUrl], { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-sim-')), MCPAUTH_BROWSER: CONSENT_BROWSER });
      expect(login.code).not.toBe(0);
      expect(login.err).toContain("Policy 'Trusted Hosts' rejected request");
      expect(login.err).toContain("Keycloak: Keycloak's anonymous registration policy 'Trusted Hosts' refused this machine");
    } finally {
      await sim.close();
    }
  });

  it("Okta's advertised registration endpoint needs an admin token; login prints Okta's create-an-app steps with the exact URI (§3 row 3)", async () => {
    const sim = await startOktaSimulator();
    try {
      const login = await runMcpauth(['login', sim.mcpUrl], { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-sim-')), MCPAUTH_BROWSER: CONSENT_BROWSER });
      expect(login.code).not.toBe(0);
      expect(login.err).toContain('/oauth2/v1/clients failed');
      expect(login.err).toMatch(/'Native Application'.*Sign-in redirect URIs: http:\/\/127\.0\.0\.1:\d{5}\/callback/);
    } finally {
      await sim.close();
    }
  });
});
