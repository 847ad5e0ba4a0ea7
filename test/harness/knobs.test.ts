import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './harness.js';
import type { Harness, HarnessKnobs } from './harness.js';
import { initializeMessage, postMcp, toolCallMessage } from './mcp-request.js';
import { runCodeFlow } from './oauth-client.js';

let h: Harness | undefined;
async function start(knobs: HarnessKnobs): Promise<Harness> {
  h = await startHarness(knobs);
  return h;
}
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function json(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(url)).json()) as Record<string, unknown>;
}

describe('MCP server knobs', () => {
  it('challenge.resourceMetadata: false leaves resource_metadata out of the 401', async () => {
    const { mcpUrl } = await start({ mcp: { challenge: { resourceMetadata: false, error: false } } });
    const res = await postMcp(mcpUrl, initializeMessage());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer scope="mcp:tools"');
  });

  it('challenge.header: false and status 302 model broken gateways', async () => {
    const noHeader = await start({ mcp: { challenge: { header: false } } });
    const res = await postMcp(noHeader.mcpUrl, initializeMessage());
    expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, null]);
    await noHeader.close();
    const sso = await start({ mcp: { challenge: { status: 302 } } });
    const redirect = await fetch(sso.mcpUrl, { method: 'POST', redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([302, `${sso.issuer}/login`]);
  });

  it('prm knobs move and rewrite the document', async () => {
    const { mcp, mcpUrl } = await start({ mcp: { prm: { location: 'root', resource: 'https://elsewhere.example/mcp' } } });
    expect((await fetch(`${mcp.origin}/.well-known/oauth-protected-resource/mcp`)).status).toBe(404);
    expect(mcp.prmUrl).toBe(`${mcp.origin}/.well-known/oauth-protected-resource`);
    expect(await json(mcp.prmUrl)).toMatchObject({ resource: 'https://elsewhere.example/mcp' });
    expect(mcpUrl).toBe(`${mcp.origin}/mcp`);
  });

  it('verify.audience: false accepts a token for another resource', async () => {
    const { as, mcpUrl } = await start({ mcp: { verify: { audience: false } } });
    const token = await as.signAccessToken({ aud: 'https://decoy.invalid/' });
    expect((await postMcp(mcpUrl, toolCallMessage('echo', { text: 'x' }), token)).status).toBe(200);
  });

  it('2025-03-26 style: no PRM, no resource_metadata, AS metadata mirrored at the MCP origin', async () => {
    const { mcp, issuer } = await start({
      mcp: { legacyMetadataAtOrigin: true, prm: { location: 'none' }, challenge: { resourceMetadata: false } },
    });
    expect((await fetch(mcp.prmUrl)).status).toBe(404);
    expect(await json(`${mcp.origin}/.well-known/oauth-authorization-server`)).toMatchObject({ issuer });
  });

  it('a root MCP path, a Basic challenge and CORS preflight', async () => {
    const { mcp, mcpUrl } = await start({ mcp: { mcpPath: '/', challenge: { scheme: 'Basic' } } });
    expect(mcpUrl).toBe(`${mcp.origin}/`);
    expect(mcp.prmUrl).toBe(`${mcp.origin}/.well-known/oauth-protected-resource`);
    expect(await json(mcp.prmUrl)).toMatchObject({ resource: mcpUrl });
    expect((await postMcp(mcpUrl, initializeMessage())).headers.get('www-authenticate')).toBe('Basic realm="mcp"');
    const preflight = await fetch(mcpUrl, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
    expect([preflight.status, preflight.headers.get('access-control-expose-headers')]).toEqual([204, 'WWW-Authenticate, Mcp-Session-Id']);
  });

  it('invalidTokenStatus: 500 answers a garbage token with 500', async () => {
    const { mcpUrl } = await start({ mcp: { invalidTokenStatus: 500 } });
    expect((await postMcp(mcpUrl, initializeMessage(), 'garbage')).status).toBe(500);
  });
});

describe('authorization server knobs', () => {
  it('pkceMethods: null removes code_challenge_methods_supported; the default advertises S256', async () => {
    const healthy = await start({});
    expect((await json(healthy.as.metadataUrl)).code_challenge_methods_supported).toEqual(['S256']);
    await healthy.close();
    const { as } = await start({ as: { pkceMethods: null } });
    const doc = await json(as.metadataUrl);
    expect(doc.issuer).toBe(as.issuer);
    expect(doc).not.toHaveProperty('code_challenge_methods_supported');
  });

  it('issuerPath with metadataLocation oidc-only serves only the OIDC documents, with path endpoints', async () => {
    const { as } = await start({ as: { issuerPath: '/tenant1', metadataLocation: 'oidc-only' } });
    expect(as.issuer).toBe(`${as.url}/tenant1`);
    expect((await fetch(`${as.url}/.well-known/oauth-authorization-server/tenant1`)).status).toBe(404);
    const doc = await json(`${as.url}/.well-known/openid-configuration/tenant1`);
    expect(doc).toMatchObject({ issuer: as.issuer, token_endpoint: `${as.issuer}/token` });
    expect((await fetch(`${as.issuer}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it('registration: false, issuerOverride, cimd and offlineAccess: false shape the metadata', async () => {
    const { as } = await start({
      as: { registration: false, issuerOverride: 'https://other.example', cimd: true, offlineAccess: false, deviceFlow: false },
    });
    const doc = await json(as.metadataUrl);
    expect(doc).not.toHaveProperty('registration_endpoint');
    expect(doc).not.toHaveProperty('device_authorization_endpoint');
    expect(doc).toMatchObject({ issuer: 'https://other.example', client_id_metadata_document_supported: true, scopes_supported: ['openid'] });
  });

  it('authorizationResponseIssParameter: false drops iss from metadata and the redirect', async () => {
    const { as, mcpUrl } = await start({ as: { authorizationResponseIssParameter: false } });
    expect(await json(as.metadataUrl)).not.toHaveProperty('authorization_response_iss_parameter_supported');
    // oauth4webapi only requires iss when the metadata advertises it, so the flow still completes.
    const { callback } = await runCodeFlow(as.endpoints, { resource: mcpUrl });
    expect(callback.searchParams.has('code')).toBe(true);
    expect(callback.searchParams.has('iss')).toBe(false);
  });

  it('authorizationResponseIssParameter: wrong sends an iss that is not the issuer', async () => {
    const { as, mcpUrl } = await start({ as: { authorizationResponseIssParameter: 'wrong' } });
    await expect(runCodeFlow(as.endpoints, { resource: mcpUrl })).rejects.toThrow('unexpected "iss"');
  });

  it('opaque access tokens are checked by the MCP server through introspection', async () => {
    const { as, mcpUrl } = await start({ as: { accessTokenFormat: 'opaque', accessTokenTtl: 120 } });
    const { tokens } = await runCodeFlow(as.endpoints, { resource: mcpUrl });
    expect(() => decodeJwt(tokens.access_token)).toThrow();
    expect(tokens.expires_in).toBe(120);
    expect((await postMcp(mcpUrl, toolCallMessage('echo', { text: 'opaque' }), tokens.access_token)).status).toBe(200);
    expect((await postMcp(mcpUrl, toolCallMessage('echo', { text: 'x' }), `${tokens.access_token}x`)).status).toBe(401);
  });
});
