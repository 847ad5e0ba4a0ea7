import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeAuthorization } from './consent-driver.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { startMcpServer } from './mcp-server.js';
import type { McpTestServer } from './mcp-server.js';
import { initializeMessage, postMcp, toolCallMessage } from './mcp-request.js';
import {
  insecure,
  pollDeviceToken,
  pollDeviceTokenOnce,
  registerNativeClient,
  runCodeFlow,
  startDeviceAuthorization,
} from './oauth-client.js';

async function toolText(res: Response): Promise<string> {
  const body = (await res.json()) as { result?: { content?: Array<{ text?: string }> } };
  return body.result?.content?.[0]?.text ?? JSON.stringify(body);
}

describe('healthy harness', () => {
  let h: Harness;
  let other: McpTestServer;
  beforeAll(async () => {
    h = await startHarness();
    other = await startMcpServer({ issuer: h.issuer, jwksUri: h.as.jwksUri });
    h.as.registerResource(other.url);
  });
  afterAll(async () => {
    await other.close();
    await h.close();
  });

  it('answers an unauthenticated request with 401 and a full Bearer challenge, and serves the PRM', async () => {
    const res = await postMcp(h.mcpUrl, initializeMessage());
    expect(res.status).toBe(401);
    const prmUrl = `${new URL(h.mcpUrl).origin}/.well-known/oauth-protected-resource/mcp`;
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer error="invalid_token", error_description="Missing Authorization header", scope="mcp:tools", resource_metadata="${prmUrl}"`,
    );
    const prm = await (await fetch(prmUrl)).json();
    expect(prm).toEqual({
      resource: h.mcpUrl,
      authorization_servers: [h.issuer],
      scopes_supported: ['mcp:tools', 'mcp:admin'],
      bearer_methods_supported: ['header'],
      resource_name: 'mcpauth test harness',
    });
  });

  it('issues an at+jwt for the MCP URL via discovery, DCR and code + PKCE, and the MCP server accepts it', async () => {
    const rs = await oauth.processResourceDiscoveryResponse(
      new URL(h.mcpUrl),
      await oauth.resourceDiscoveryRequest(new URL(h.mcpUrl), insecure),
    );
    const issuer = new URL(String(rs.authorization_servers?.[0]));
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oauth2' }));
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    const { tokens, callback } = await runCodeFlow(as, { resource: h.mcpUrl, login: 'carol' });
    expect(callback.searchParams.get('iss')).toBe(h.issuer);
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: h.mcpUrl, iss: h.issuer, sub: 'carol', scope: 'mcp:tools' });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const init = await postMcp(h.mcpUrl, initializeMessage(), tokens.access_token);
    expect(init.status).toBe(200);
    expect(await init.json()).toMatchObject({ result: { serverInfo: { name: 'mcpauth-harness' } } });
    const echo = await postMcp(h.mcpUrl, toolCallMessage('echo', { text: 'hi there' }), tokens.access_token);
    expect(await toolText(echo)).toBe('hi there');
  });

  it('rotates the refresh token on refresh and keeps the audience', async () => {
    const { client, tokens } = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl });
    const res = await oauth.refreshTokenGrantRequest(h.as.endpoints, client, oauth.None(), String(tokens.refresh_token), insecure);
    const refreshed = await oauth.processRefreshTokenResponse(h.as.endpoints, client, res);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwt(refreshed.access_token).aud).toBe(h.mcpUrl);
  });

  it('returns access_denied to the client when the user refuses consent', async () => {
    const client = await registerNativeClient(h.as.endpoints);
    const url = new URL(String(h.as.endpoints.authorization_endpoint));
    url.search = new URLSearchParams({
      client_id: client.client_id,
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:1234/callback',
      scope: 'mcp:tools',
      resource: h.mcpUrl,
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256',
    }).toString();
    const callback = await completeAuthorization(url, { approve: false });
    expect(callback.origin).toBe('http://127.0.0.1:1234');
    expect(callback.searchParams.get('error')).toBe('access_denied');
  });

  it('issues a token through the device flow once the user approves', async () => {
    const client = await registerNativeClient(h.as.endpoints);
    const device = await startDeviceAuthorization(h.as.endpoints, client, { resource: h.mcpUrl });
    expect(await pollDeviceTokenOnce(h.as.endpoints, client, device.device_code)).toBeUndefined();
    await h.as.approveDeviceCode(device.user_code, { login: 'bob' });
    const tokens = await pollDeviceToken(h.as.endpoints, client, device.device_code);
    expect(decodeJwt(tokens.access_token)).toMatchObject({ aud: h.mcpUrl, sub: 'bob' });
    const whoami = await postMcp(h.mcpUrl, toolCallMessage('whoami'), tokens.access_token);
    expect(JSON.parse(await toolText(whoami))).toMatchObject({ sub: 'bob', client_id: client.client_id, scopes: ['mcp:tools'] });
  });

  it('rejects a token minted for another MCP server with 401 invalid_token', async () => {
    const { tokens } = await runCodeFlow(h.as.endpoints, { resource: other.url });
    expect((await postMcp(other.url, toolCallMessage('whoami'), tokens.access_token)).status).toBe(200);
    const res = await postMcp(h.mcpUrl, toolCallMessage('whoami'), tokens.access_token);
    expect(res.status).toBe(401);
    // The challenge drops quotes from jose's message ('unexpected "aud" claim value') to keep the header valid.
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token", error_description="unexpected aud claim value"');
  });

  it('rejects an expired token with 401 and accepts the same claims unexpired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await h.as.signAccessToken({ aud: h.mcpUrl, iat: now - 120, exp: now - 60 });
    const res = await postMcp(h.mcpUrl, toolCallMessage('whoami'), expired);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'invalid_token', error_description: '"exp" claim timestamp check failed' });
    const fresh = await h.as.signAccessToken({ aud: h.mcpUrl });
    expect((await postMcp(h.mcpUrl, toolCallMessage('whoami'), fresh)).status).toBe(200);
  });

  it('answers admin-reset without mcp:admin with HTTP 403 insufficient_scope, and runs it with mcp:admin', async () => {
    const { tokens } = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl });
    const denied = await postMcp(h.mcpUrl, toolCallMessage('admin-reset'), tokens.access_token);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", error_description="admin-reset needs mcp:admin", scope="mcp:tools mcp:admin", resource_metadata="${h.mcp.prmUrl}"`,
    );
    const admin = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl, scope: 'mcp:tools mcp:admin' });
    expect(decodeJwt(admin.tokens.access_token).scope).toBe('mcp:tools mcp:admin');
    const allowed = await postMcp(h.mcpUrl, toolCallMessage('admin-reset'), admin.tokens.access_token);
    expect(await toolText(allowed)).toBe('reset done');
  });
});
