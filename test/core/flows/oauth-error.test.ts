import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportError } from '../../../src/commands/report-error.js';
import { classifyOAuthError, OAuthRefusal } from '../../../src/core/flows/oauth-error.js';
import { startHarness, type Harness } from '../../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from '../../commands/login-helpers.js';
import { createTestDeps } from '../../helpers/test-deps.js';

const AS: oauth.AuthorizationServer = { issuer: 'https://as.example.com', token_endpoint: 'https://as.example.com/token' };
const CLIENT: oauth.Client = { client_id: 'app' };

/** A real oauth4webapi error, produced by processing a real error response. */
async function refusalFor(body: Record<string, string>, status = 400, headers: Record<string, string> = {}): Promise<unknown> {
  const response = new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  return oauth.processRefreshTokenResponse(AS, CLIENT, response).then(() => undefined, (error: unknown) => error);
}

describe('OAuth error answers are user-facing errors (exit 4) with the next step', () => {
  it.each([
    ['invalid_client', /--client-id and the client secret/],
    ['invalid_grant', /log in again with 'mcpauth login https:\/\/mcp\.example\.com\/mcp'/],
    ['unauthorized_client', /not allowed this grant/],
    ['access_denied', /denied/],
    ['invalid_scope', /mcpauth scopes https:\/\/mcp\.example\.com\/mcp/],
    ['invalid_target', /mcpauth login https:\/\/mcp\.example\.com\/mcp --no-resource/],
  ])('%s', async (code, hint) => {
    const error = classifyOAuthError(await refusalFor({ error: code, error_description: `the ${code} \u001b[31mdetail` }), 'the token request', 'https://mcp.example.com/mcp');
    expect(error).toBeInstanceOf(OAuthRefusal);
    const deps = createTestDeps();
    expect(reportError(error, deps, ['--verbose'])).toBe(4);
    const err = deps.io.err();
    expect(err).toContain(`the token request was refused: ${code}: the ${code} \\x1b[31mdetail (HTTP 400).`);
    expect(err).toMatch(hint);
    expect(err).not.toContain('\u001b');
    expect(err).not.toMatch(/internal error|this is a bug|\[object Object\]/);
  });

  it('a 401 with WWW-Authenticate from the token endpoint is invalid_client, also when no flow classified it', async () => {
    const error = await refusalFor({ error: 'invalid_client' }, 401, { 'www-authenticate': 'Basic realm="as", error="invalid_client", error_description="bad secret"' });
    expect(error).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const deps = createTestDeps();
    expect(reportError(error, deps, ['--verbose', '--json'])).toBe(4);
    expect(deps.io.err()).toMatch(/^mcpauth: the request to the authorization server was refused: invalid_client: bad secret \(HTTP 401\)\./);
    expect(deps.io.err()).not.toContain('[object Object]');
    expect(JSON.parse(deps.io.out())).toMatchObject({ error: { code: 'auth', exitCode: 4 } });
  });

  it('a long description is capped', async () => {
    const error = classifyOAuthError(await refusalFor({ error: 'invalid_grant', error_description: 'x'.repeat(5000) }), 'the token request') as OAuthRefusal;
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('login with a wrong client secret (real authorization server)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('is exit 4, invalid_client with the next step, not "internal error"', async () => {
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-oauth-error-')), WRONG: 'not-the-secret' };
    const run = await runMcpauth(['login', h.mcpUrl, '--client-id', 'harness-confidential', '--client-secret-env', 'WRONG', '--browser', CONSENT_BROWSER, '--verbose'], env);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/mcpauth: the token request was refused: invalid_client/);
    expect(run.err).toContain(`mcpauth rotate --client ${h.mcpUrl}`);
    expect(run.err).not.toMatch(/internal error|this is a bug|\[object Object\]/);
    expect(run.err).not.toContain('not-the-secret');
  });
});
