import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/core/http/client.js';
import {
  authorizationServerMetadataUrls,
  discoverAuthorizationServer,
  discoverProtectedResource,
  fetchChallenge,
  protectedResourceMetadataUrls,
} from '../../../src/core/discovery/index.js';
import { startHarness, type Harness, type HarnessKnobs } from '../../harness/index.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function deps() {
  const http = createHttpClient({ fetch: globalThis.fetch, timeoutMs: 5000, allowHttp: false, userAgent: 'test' });
  return { fetch: http.fetch, cache: new Map() };
}

async function start(knobs?: HarnessKnobs): Promise<Harness> {
  harness = await startHarness(knobs);
  return harness;
}

describe('well-known URL construction', () => {
  it('inserts before the path and drops a terminating slash (RFC 9728 §3.1)', () => {
    expect(protectedResourceMetadataUrls('https://h.example/public/mcp/').map((c) => c.url)).toEqual([
      'https://h.example/.well-known/oauth-protected-resource/public/mcp',
      'https://h.example/.well-known/oauth-protected-resource',
    ]);
    expect(protectedResourceMetadataUrls('https://h.example/').map((c) => c.kind)).toEqual(['root']);
  });

  it('uses the 3-URL order for a path issuer and the 2-URL order without a path ([25-11 L135-144])', () => {
    expect(authorizationServerMetadataUrls('https://as.example/tenant1').map((c) => c.url)).toEqual([
      'https://as.example/.well-known/oauth-authorization-server/tenant1',
      'https://as.example/.well-known/openid-configuration/tenant1',
      'https://as.example/tenant1/.well-known/openid-configuration',
    ]);
    expect(authorizationServerMetadataUrls('https://as.example').map((c) => c.url)).toEqual([
      'https://as.example/.well-known/oauth-authorization-server',
      'https://as.example/.well-known/openid-configuration',
    ]);
  });
});

describe('discovery against the harness', () => {
  it('walks a healthy server: challenge, PRM from the header URL, AS metadata via RFC 8414', async () => {
    const h = await start();
    const d = deps();
    const { challenge } = await fetchChallenge(h.mcpUrl, { wire: '2025-11-25' }, d);
    expect(challenge?.status).toBe(401);
    expect(challenge?.bearer?.scheme).toBe('bearer');
    const prm = await discoverProtectedResource(h.mcpUrl, { resourceMetadataUrl: challenge?.resourceMetadata }, d);
    expect(prm.source?.kind).toBe('header');
    expect(prm.resourceMatch).toEqual({ kind: 'exact' });
    expect(prm.authorizationServers).toEqual([h.issuer]);
    expect(prm.attempts).toHaveLength(1);
    const asm = await discoverAuthorizationServer(h.issuer, {}, d);
    expect(asm.foundAt).toBe('rfc8414-root');
    expect(asm.issuerMatch).toEqual({ kind: 'exact' });
    expect(asm.metadata?.token_endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('falls back in order and records every attempt; explain-only requests are labelled', async () => {
    const h = await start({ mcp: { prm: { location: 'appended' }, challenge: { resourceMetadata: false } } });
    const prm = await discoverProtectedResource(h.mcpUrl, { includeMisplaced: true, concurrent: true }, deps());
    expect(prm.metadata).toBeUndefined();
    expect(prm.attempts.map((a) => [a.kind, a.purpose, a.outcome])).toEqual([
      ['path-inserted', 'spec', 'not-found'],
      ['root', 'spec', 'not-found'],
      ['appended', 'explain', 'found'],
    ]);
  });

  it('finds a path issuer only by OIDC appending, in the third place', async () => {
    const h = await start({ as: { issuerPath: '/tenant1', metadataLocation: 'oidc-appended-only' } });
    const asm = await discoverAuthorizationServer(h.issuer, {}, deps());
    expect(asm.attempts.map((a) => a.outcome)).toEqual(['not-found', 'not-found', 'found']);
    expect(asm.foundAt).toBe('oidc-appended');
  });

  it('reports an issuer that differs only by a trailing slash as near', async () => {
    const h = await start();
    const asm = await discoverAuthorizationServer(h.issuer, {}, deps());
    expect(asm.issuerMatch?.kind).toBe('exact');
    const near = await discoverAuthorizationServer(`${h.issuer}/`, {}, deps());
    expect(near.issuerMatch).toEqual({ kind: 'near', reason: 'differs only by a trailing slash' });
  });
});
