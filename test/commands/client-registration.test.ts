import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogoutOutcome } from '../../src/core/store/logout.js';
import { renderLogoutHuman } from '../../src/output/logout-human.js';
import { plainStyle } from '../../src/output/style.js';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function loggedIn(): Promise<{ env: Record<string, string>; clientId: string }> {
  harness = await startHarness();
  const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-logout-client-')), MCPAUTH_BROWSER: CONSENT_BROWSER };
  const login = await runMcpauth(['login', harness.mcpUrl, '--json'], env);
  expect(login.code, login.err).toBe(0);
  return { env, clientId: String((JSON.parse(login.out) as { clientId: unknown }).clientId) };
}

describe('logout and the dynamic registration', () => {
  it('deletes the DCR client at the AS (RFC 7592) and forgets it, so the next login registers anew', async () => {
    const { env, clientId } = await loggedIn();
    expect(await harness?.as.provider.Client.find(clientId)).toBeDefined();
    const logout = await runMcpauth(['logout', harness!.mcpUrl], env);
    expect(logout.code, logout.err).toBe(0);
    expect(logout.out).toMatch(/client\s+deleted at the authorization server \(RFC 7592\) and forgotten here/);
    expect(await harness?.as.provider.Client.find(clientId)).toBeUndefined();
    const again = await runMcpauth(['login', harness!.mcpUrl, '--json'], env);
    expect(again.code, again.err).toBe(0);
    expect((JSON.parse(again.out) as { clientId: string }).clientId).not.toBe(clientId);
    expect(again.err).not.toContain('no longer accepts');
  });

  it('--keep-client leaves the registration for the next login', async () => {
    const { env, clientId } = await loggedIn();
    const logout = await runMcpauth(['logout', harness!.mcpUrl, '--keep-client', '--json'], env);
    expect(logout.code, logout.err).toBe(0);
    expect((JSON.parse(logout.out) as { loggedOut: LogoutOutcome[] }).loggedOut[0]?.client).toEqual({ status: 'kept', reason: 'keep-client' });
    expect(await harness?.as.provider.Client.find(clientId)).toBeDefined();
    const again = await runMcpauth(['login', harness!.mcpUrl, '--json'], env);
    expect((JSON.parse(again.out) as { clientId: string }).clientId).toBe(clientId);
  });

  it('a forgotten client (deleted at the AS behind our back) is replaced at the next login, in one line', async () => {
    const { env, clientId } = await loggedIn();
    await harness?.as.forgetClient(clientId);
    const again = await runMcpauth(['login', harness!.mcpUrl, '--json'], env);
    expect(again.code, again.err).toBe(0);
    expect(again.err.match(/no longer accepts the stored client/g)).toHaveLength(1);
    expect(again.err).toContain('invalid_client');
    expect((JSON.parse(again.out) as { clientId: string }).clientId).not.toBe(clientId);
  });

  it('a refresh answered invalid_client forgets the registration, so the next login registers without a detour', async () => {
    const { env, clientId } = await loggedIn();
    await harness?.as.forgetClient(clientId);
    const rotate = await runMcpauth(['rotate', harness!.mcpUrl], env);
    expect(rotate.code).toBe(4);
    expect(rotate.out + rotate.err).toContain('no longer accepts the client');
    const again = await runMcpauth(['login', harness!.mcpUrl, '--json'], env);
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toContain('no longer accepts the stored client');
    expect((JSON.parse(again.out) as { clientId: string }).clientId).not.toBe(clientId);
  });
});

describe('the callback wait', () => {
  it('says what it waits for, and stops at once when the --browser program fails', async () => {
    harness = await startHarness();
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-wait-')) };
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', process.execPath + ' -e process.exit(3)'], env);
    expect(run.code).toBe(4);
    expect(run.err).toMatch(/Waiting for the authorization server to send the browser back to http:\/\/127\.0\.0\.1:\d+\/callback \(up to 5 min/);
    expect(run.err).toContain(`stopped waiting for the authorization response: the browser program ${process.execPath} exited with status 3.`);
  });
});

describe('logout wording for a revoked JWT access token', () => {
  it('says the resource server may accept it until exp, and when', () => {
    const now = new Date('2026-12-03T08:00:00Z');
    const outcome: LogoutOutcome = {
      serverUrl: 'https://mcp.example.com/mcp', resource: 'https://mcp.example.com/mcp', issuer: 'https://as.example.com', revocationEndpoint: 'https://as.example.com/revoke',
      refreshToken: { status: 'revoked' }, accessToken: { status: 'revoked' }, accessTokenExpiresAt: '2026-12-03T08:10:00.000Z', deleted: true, secretLocation: 'file',
      accessTokenJwtExpiresAt: '2026-12-03T08:10:00.000Z', client: { status: 'kept', reason: 'not-dcr' },
    };
    expect(renderLogoutHuman([outcome], now, plainStyle)).toContain('access token  revoked at the authorization server, but it is a JWT: an MCP server that validates it locally may accept it until 2026-12-03T08:10:00.000Z (in 10 min)');
    expect(renderLogoutHuman([{ ...outcome, accessTokenJwtExpiresAt: undefined }], now, plainStyle)).toMatch(/access token\s+revoked\n/);
  });
});
