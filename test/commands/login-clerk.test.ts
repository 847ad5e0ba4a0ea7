import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, it } from 'vitest';
import { CLERK_DEFAULT_DCR_SCOPE, startClerkSimulator } from '../harness/idp/clerk.js';
import type { IdpSimulator } from '../harness/idp/simulator.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let sim: IdpSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const REDIRECT = 'http://127.0.0.1:1/callback';

async function register(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const metadata = await fetch(`${sim!.as.url}/.well-known/oauth-authorization-server`).then((r) => r.json() as Promise<{ registration_endpoint: string }>);
  const response = await fetch(metadata.registration_endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

async function authorizeError(clientId: string, scope: string): Promise<string | null> {
  const url = new URL(`${sim!.as.url}/oauth/authorize`);
  const challenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
  for (const [k, v] of Object.entries({ client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope, code_challenge: challenge, code_challenge_method: 'S256', resource: sim!.mcpUrl })) url.searchParams.set(k, v);
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return location === null ? null : new URL(location, sim!.as.url).searchParams.get('error');
}

// idp-quirks.md §11 row 2 and §17#8 (claude-code#67714, claude-ai-mcp#500): a scope-less DCR at Clerk
// yields a client that may not request openid; mcpauth puts the login's scope in the DCR body for Clerk.
describe('login against a Clerk-configured oidc-provider (DCR with scope)', () => {
  it('the simulator reproduces the failure: a scope-less registration gets Clerk defaults and openid is refused', async () => {
    sim = await startClerkSimulator();
    const base = { redirect_uris: [REDIRECT], application_type: 'native', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] };
    const scopeless = await register(base);
    expect(scopeless.scope).toBe(CLERK_DEFAULT_DCR_SCOPE);
    expect(await authorizeError(scopeless.client_id as string, 'openid email')).toBe('invalid_scope');
    const scoped = await register({ ...base, scope: 'openid email offline_access' });
    expect(await authorizeError(scoped.client_id as string, 'openid email')).toBeNull();
  });

  it('mcpauth login recognises Clerk, registers with the scope it requests, and the credential works', async () => {
    sim = await startClerkSimulator();
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-clerk-')), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const login = await runMcpauth(['login', sim.mcpUrl, '--json'], env);
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(login.out)).toMatchObject({ identityProvider: 'clerk', registration: 'dcr' });
    const call = await runMcpauth(['call', sim.mcpUrl, 'whoami'], env);
    expect(call.code, call.err).toBe(0);
  });
});
