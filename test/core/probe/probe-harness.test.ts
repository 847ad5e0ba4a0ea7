import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type HarnessKnobs } from '../../harness/index.js';
import { ids, runProbe } from './probe-fixture.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function probeWith(knobs: HarnessKnobs, options: { token?: string } = {}): Promise<string[]> {
  harness = await startHarness(knobs);
  return ids(await runProbe(harness.mcpUrl, options));
}

describe('probe against the harness', () => {
  it('finds no error and no warning on the healthy server', async () => {
    harness = await startHarness();
    const report = await runProbe(harness.mcpUrl);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.steps.slice(0, 2).map((s) => [s.method, s.kind, s.status])).toEqual([
      ['POST', 'challenge', 401],
      ['GET', 'header', 200],
    ]);
  });

  // Each row: knobs -> the finding a real misconfigured server produces (mcp-auth-spec.md §3 numbers).
  const cases: Array<[string, HarnessKnobs, string]> = [
    ['A3 redirect to login', { mcp: { challenge: { status: 302 } } }, 'error:challenge-not-401'],
    ['A4 403', { mcp: { challenge: { status: 403 } } }, 'error:challenge-not-401'],
    ['A2 200 with PRM', { mcp: { challenge: { status: 200 } } }, 'warning:challenge-not-401'],
    ['A5 no header', { mcp: { challenge: { header: false } } }, 'error:challenge-missing-header'],
    ['A6 Basic only', { mcp: { challenge: { scheme: 'Basic' } } }, 'error:challenge-not-bearer'],
    ['A7 no resource_metadata', { mcp: { challenge: { resourceMetadata: false } } }, 'warning:challenge-no-resource-metadata'],
    ['A7 no resource_metadata, no PRM', { mcp: { challenge: { resourceMetadata: false }, prm: { location: 'none' } } }, 'error:challenge-no-resource-metadata'],
    ['A8 relative-less junk', { mcp: { challenge: { resourceMetadata: 'javascript:alert(1)' } } }, 'error:challenge-resource-metadata-invalid'],
    ['A10 other origin', { mcp: { challenge: { resourceMetadata: 'http://localhost:1/.well-known/oauth-protected-resource' } } }, 'warning:challenge-resource-metadata-cross-origin'],
    ['A12 no scope anywhere', { mcp: { challenge: { scope: false }, prm: { scopesSupported: null } } }, 'warning:challenge-no-scope'],
    ['A13 offline_access', { mcp: { challenge: { scope: 'mcp:tools offline_access' } } }, 'warning:scope-offline-access'],
    ['B14 no PRM', { mcp: { prm: { location: 'none' } } }, 'error:prm-not-found'],
    ['B15 header URL broken', { mcp: { challenge: { resourceMetadata: 'http://127.0.0.1:1/.well-known/oauth-protected-resource/mcp' } } }, 'error:prm-header-url-broken'],
    ['B16 appended', { mcp: { prm: { location: 'appended' }, challenge: { resourceMetadata: false } } }, 'error:prm-appended-path'],
    ['B17 PRM needs auth', { mcp: { prm: { status: 401 } } }, 'error:prm-invalid-response'],
    ['B18 HTML', { mcp: { prm: { body: '<html>hi</html>', contentType: 'text/html' } } }, 'error:prm-invalid-response'],
    ['B18 text/plain', { mcp: { prm: { contentType: 'text/plain' } } }, 'warning:prm-invalid-response'],
    ['B21 foreign resource', { mcp: { prm: { resource: 'https://evil.example.com/mcp' } } }, 'error:prm-resource-mismatch'],
    ['B25 http AS on a remote host', { mcp: { prm: { authorizationServers: ['http://as.example.com'] } } }, 'error:prm-authorization-server-invalid'],
    ['B27 offline_access in PRM', { mcp: { prm: { scopesSupported: ['mcp:tools', 'offline_access'] } } }, 'warning:scope-offline-access'],
    ['C39 no refresh grant', { as: { metadataOverrides: { grant_types_supported: ['authorization_code'] } } }, 'info:asm-no-refresh-grant'],
    ['C47 resource not listed', { as: { metadataOverrides: { protected_resources: ['https://other.example/mcp'] } } }, 'warning:asm-resource-not-listed'],
    ['B24 no AS', { mcp: { prm: { authorizationServers: [] } } }, 'error:prm-no-authorization-servers'],
    ['B26 no scopes_supported', { mcp: { prm: { scopesSupported: null } } }, 'warning:prm-no-scopes-supported'],
    ['B28 query bearer', { mcp: { prm: { overrides: { bearer_methods_supported: ['query'] } } } }, 'warning:prm-bearer-query'],
    ['C31 no AS metadata', { as: { metadataLocation: 'none' } }, 'error:asm-not-found'],
    ['C32 root only for path issuer', { as: { issuerPath: '/tenant1', metadataLocation: 'root-only-for-path-issuer' } }, 'error:asm-wrong-location'],
    ['C33 issuer mismatch', { as: { issuerOverride: 'https://other.example.com' } }, 'error:asm-issuer-mismatch'],
    ['C35 no token endpoint', { as: { metadataOverrides: { token_endpoint: null } } }, 'error:asm-missing-endpoints'],
    ['C36 PKCE unadvertised', { as: { pkceMethods: null } }, 'error:asm-pkce-unadvertised'],
    ['C37 plain only', { as: { pkceMethods: ['plain'] } }, 'error:asm-pkce-no-s256'],
    ['C38 no code grant', { as: { metadataOverrides: { grant_types_supported: ['implicit'] } } }, 'error:asm-no-authorization-code-grant'],
    ['C40 no registration', { as: { registration: false } }, 'warning:asm-no-registration'],
    ['C43 http endpoint', { as: { metadataOverrides: { token_endpoint: 'http://as.example.com/token' } } }, 'error:asm-unsafe-url'],
    ['C45 no iss', { as: { authorizationResponseIssParameter: false } }, 'info:asm-no-iss-parameter'],
    ['C48 OIDC only', { as: { metadataLocation: 'oidc-only' } }, 'info:asm-oidc-only'],
    ['G73 accepts anything', { mcp: { verify: { acceptAny: true } } }, 'error:server-accepts-invalid-token'],
    ['G74 500 for bad token', { mcp: { invalidTokenStatus: 500 } }, 'error:server-invalid-token-status'],
    ['I88 no CORS', { mcp: { cors: false } }, 'warning:cors-preflight-failed'],
    ['I90 no CORS', { mcp: { cors: false } }, 'warning:cors-www-authenticate-not-exposed'],
    ['J93 legacy', { mcp: { prm: { location: 'none' }, challenge: { resourceMetadata: false }, legacyMetadataAtOrigin: true } }, 'warning:legacy-2025-03-26'],
  ];
  it.each(cases.map(([name, knobs, id]) => [`${name} -> ${id}`, knobs, id] as const))('%s', async (_name, knobs, expected) => {
    expect(await probeWith(knobs)).toContain(expected);
  });

  it('B22: a resource that differs only by a trailing slash is a near match (warning)', async () => {
    harness = await startHarness({ mcp: { mcpPath: '/' } });
    const dialled = harness.mcpUrl.replace(/\/$/, '');
    const report = await runProbe(dialled);
    expect(report.findings.find((f) => f.id === 'prm-resource-near-match')?.message).toBe(
      `PRM resource "${harness.mcpUrl}" vs the dialled ${dialled}: differs only by a trailing slash.`,
    );
    expect(ids(report).filter((id) => !id.startsWith('info:'))).toEqual(['warning:prm-resource-near-match']);
  });

  it('2026-07-28 wire: the first request is a stateless tools/list, and the healthy server still passes', async () => {
    harness = await startHarness();
    const report = await runProbe(harness.mcpUrl, { wire: '2026-07-28' });
    expect(report.wire).toBe('2026-07-28');
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('still checks the AS named by a misplaced PRM, so one run shows the whole chain', async () => {
    const found = await probeWith({ as: { pkceMethods: null }, mcp: { prm: { location: 'appended' }, challenge: { resourceMetadata: false } } });
    expect(found).toEqual(expect.arrayContaining(['error:prm-appended-path', 'error:asm-pkce-unadvertised']));
  });
});
