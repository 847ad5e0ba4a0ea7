import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createAddressGuard } from '../../src/core/http/address-guard.js';
import { classifyAddress } from '../../src/core/http/address-policy.js';
import { createHttpClient } from '../../src/core/http/client.js';
import { checkAuthorizationEndpoint } from '../../src/core/flows/authorization-request.js';
import { checkOpenableUrl } from '../../src/platform/browser.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { mcpChallengeRoutes, sendJson, startHttpServer, type TestServer } from '../core/probe/hostile-servers.js';
import { ids, runProbe } from '../core/probe/probe-fixture.js';
import { LOOPBACK_REDIRECT_URI, registerNativeClient, runCodeFlow, startHarness, type Harness } from '../harness/index.js';
import { credentialInputFromTokens } from '../../src/core/store/credential-input.js';
import { storeEnv } from '../helpers/obtain-tokens.js';
import { createTestDeps } from '../helpers/test-deps.js';

const servers: TestServer[] = [];
let harness: Harness | undefined;
let home: string | undefined;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await harness?.close();
  harness = undefined;
  if (home !== undefined) await rm(home, { recursive: true, force: true });
  home = undefined;
});

async function recorder(): Promise<{ server: TestServer; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = await startHttpServer((req, res) => {
    requests.push(req);
    res.writeHead(204).end();
  });
  servers.push(server);
  return { server, requests };
}

describe('URLs a server gives us', () => {
  it('rotate --client never sends the registration access token to a registration_client_uri on another origin', async () => {
    harness = await startHarness();
    home = await mkdtemp(join(tmpdir(), 'mcpauth-hostile-'));
    const elsewhere = await recorder();
    const store = await openCredentialStore({ env: storeEnv(home), now: () => new Date() });
    const client = await registerNativeClient(harness.as.endpoints);
    await store.saveClientRegistration(
      { issuer: harness.issuer, clientId: client.client_id, method: 'dcr', tokenEndpointAuthMethod: 'none', redirectUris: [LOOPBACK_REDIRECT_URI], grantTypes: ['authorization_code', 'refresh_token'], registeredAt: new Date().toISOString(), registrationClientUri: `${elsewhere.server.origin}/steal` },
      { registrationAccessToken: 'registration-access-token-value' },
    );
    const flow = await runCodeFlow(harness.as.endpoints, { resource: harness.mcpUrl, client });
    await store.save(credentialInputFromTokens(flow.tokens, { serverUrl: harness.mcpUrl, resource: harness.mcpUrl, as: harness.as.endpoints, clientId: client.client_id, tokenEndpointAuthMethod: 'none', requestedScopes: ['mcp:tools'], registrationMethod: 'dcr', now: new Date() }));
    const deps = createTestDeps({ env: storeEnv(home) });
    expect(await runCli(['rotate', '--client', '--all'], deps)).toBe(0);
    expect(deps.io.out()).toMatch(/registration_client_uri on another origin \(http:\/\/127\.0\.0\.1:\d+, not http:\/\/127\.0\.0\.1:\d+\); mcpauth does not send the registration access token there/);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('probe follows at most 5 of 5,000 authorization_servers and reports the rest', async () => {
    let requests = 0;
    const server = await startHttpServer(mcpChallengeRoutes((req, res, origin) => {
      requests += 1;
      if (req.url === '/.well-known/oauth-protected-resource/mcp') {
        return sendJson(res, { resource: `${origin}/mcp`, authorization_servers: Array.from({ length: 5000 }, (_, i) => `${origin}/as${i}`) });
      }
      res.writeHead(404).end();
    }));
    servers.push(server);
    const report = await runProbe(`${server.origin}/mcp`);
    expect(ids(report)).toContain('warning:prm-too-many-authorization-servers');
    expect(report.findings.find((f) => f.id === 'prm-too-many-authorization-servers')?.message).toBe('5000 authorization servers are listed; the first 5 were checked, the other 4995 were not requested.');
    // 5 issuers x (RFC 8414 + OIDC candidates, misplaced ones included) plus the PRM round: bounded.
    expect(requests).toBeLessThan(120);
  });

  it('refuses server-supplied private, link-local and metadata addresses unless the target is there or --allow-private', async () => {
    const local = await recorder();
    const publicOnly = (host: string) => Promise.resolve(host === 'mcp.example.com' ? ['93.184.216.34'] : host === 'internal.example.com' ? ['10.1.2.3'] : ['198.51.100.7']);
    const client = (allowPrivate: boolean, target: string) => createHttpClient({ fetch: globalThis.fetch, timeoutMs: 2000, allowHttp: true, userAgent: 't', addressGuard: createAddressGuard({ allowPrivate, resolve: publicOnly }, [target]) });
    const fromPublic = client(false, 'https://mcp.example.com/mcp');
    await expect(fromPublic.fetch(`${local.server.origin}/x`)).rejects.toMatchObject({ code: 'private-address', message: expect.stringMatching(/resolves to a loopback address/) });
    await expect(fromPublic.fetch('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(/cloud metadata-service address/);
    await expect(fromPublic.fetch('http://internal.example.com/')).rejects.toThrow(/private-network address/);
    await expect(fromPublic.fetch('http://[fd00::1]/')).rejects.toThrow(/private-network address/);
    expect(local.requests).toHaveLength(0);
    // The user's own loopback target makes loopback allowed (every harness test runs this way)...
    expect((await client(false, `${local.server.origin}/mcp`).fetch(`${local.server.origin}/x`)).status).toBe(204);
    // ...but not the metadata service; --allow-private allows everything.
    await expect(client(false, `${local.server.origin}/mcp`).fetch('https://169.254.169.254/')).rejects.toThrow(/metadata-service/);
    expect((await client(true, 'https://mcp.example.com/mcp').fetch(`${local.server.origin}/y`)).status).toBe(204);
    expect(local.requests).toHaveLength(2);
  });

  it('probe reports a metadata-service issuer as url-private-address and never requests it', async () => {
    const server = await startHttpServer(mcpChallengeRoutes((req, res, origin) => {
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return sendJson(res, { resource: `${origin}/mcp`, authorization_servers: ['https://169.254.169.254/issuer'] });
      res.writeHead(404).end();
    }));
    servers.push(server);
    const deps = createTestDeps();
    const code = await runCli(['probe', `${server.origin}/mcp`, '--json'], deps);
    const report = JSON.parse(deps.io.out()) as { findings: Array<{ id: string; message: string }>; steps: Array<{ url: string; status?: number }> };
    expect(code).toBe(1);
    expect(report.findings.find((f) => f.id === 'url-private-address')?.message).toMatch(/^https:\/\/169\.254\.169\.254\/\.well-known\/.*cloud metadata-service address/);
    expect(report.steps.filter((s) => s.url.includes('169.254.169.254')).every((s) => s.status === undefined)).toBe(true);
  });

  it('probe flags an authorization endpoint with embedded credentials, as login refuses it', async () => {
    const server = await startHttpServer(mcpChallengeRoutes((req, res, origin) => {
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return sendJson(res, { resource: `${origin}/mcp`, authorization_servers: [origin] });
      if (req.url === '/.well-known/oauth-authorization-server') {
        return sendJson(res, { issuer: origin, authorization_endpoint: `http://admin:hunter2@127.0.0.1:1/authorize`, token_endpoint: `${origin}/token`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] });
      }
      res.writeHead(404).end();
    }));
    servers.push(server);
    const report = await runProbe(`${server.origin}/mcp`);
    expect(report.findings.find((f) => f.id === 'asm-unsafe-url')?.message).toMatch(/authorization_endpoint ".*" is a URL with embedded credentials/);
    expect(() => checkAuthorizationEndpoint('http://admin:hunter2@127.0.0.1:1/authorize', false)).toThrow(/refusing the authorization endpoint/);
  });

  it('one loopback rule: a *.localhost authorization endpoint passes login and the browser alike', () => {
    const url = 'http://app.localhost:8080/authorize';
    expect(checkAuthorizationEndpoint(url, false).href).toBe(url);
    expect(checkOpenableUrl(url, false).href).toBe(url);
    expect(() => checkOpenableUrl('http://example.com/authorize', false)).toThrow(/loopback/);
  });

  it('classifies addresses the way the SSRF rule needs', () => {
    const cases: Array<[string, string | undefined]> = [
      ['127.0.0.1', 'loopback'], ['127.8.9.10', 'loopback'], ['0.0.0.0', 'loopback'], ['::1', 'loopback'], ['[::1]', 'loopback'],
      ['10.0.0.1', 'private'], ['172.16.0.1', 'private'], ['172.32.0.1', 'public'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private'],
      ['169.254.169.254', 'metadata'], ['169.254.1.1', 'link-local'], ['100.100.100.200', 'metadata'], ['fd00:ec2::254', 'metadata'],
      ['fd12:3456::1', 'private'], ['fc00::1', 'private'], ['fe80::1', 'link-local'], ['::ffff:169.254.169.254', 'metadata'], ['::ffff:10.0.0.1', 'private'],
      ['64:ff9b::a9fe:a9fe', 'metadata'], ['224.0.0.1', 'reserved'], ['ff02::1', 'reserved'], ['8.8.8.8', 'public'], ['2606:4700::1111', 'public'], ['example.com', undefined],
    ];
    for (const [address, expected] of cases) expect([address, classifyAddress(address)]).toEqual([address, expected]);
  });
});
