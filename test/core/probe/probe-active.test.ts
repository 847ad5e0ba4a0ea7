import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/core/http/client.js';
import { probeServer } from '../../../src/core/probe/probe-server.js';
import type { ProbeReport } from '../../../src/core/probe/report.js';
import { startAuthServer, startHarness, startMcpServer } from '../../harness/index.js';
import { closedPort } from './hostile-servers.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function probeActive(url: string): Promise<ProbeReport> {
  const http = createHttpClient({ fetch: globalThis.fetch, timeoutMs: 5000, allowHttp: false, userAgent: 'mcpauth-test' });
  return probeServer(url, { wire: '2025-11-25', active: true, compat: false }, { fetch: http.fetch, now: () => new Date(), cache: new Map() });
}

const activeSteps = (r: ProbeReport) => r.steps.filter((s) => s.kind.startsWith('active-')).map((s) => [s.method, s.kind, s.status]);

describe('probe --active', () => {
  it('registers a native client and finds the resource accepted and a foreign redirect refused (healthy)', async () => {
    const h = await startHarness();
    closers.push(h.close);
    const report = await probeActive(h.mcpUrl);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(activeSteps(report)).toEqual([
      ['POST', 'active-registration', 201],
      ['GET', 'active-resource', 303],
      ['GET', 'active-unregistered-redirect', 400],
    ]);
  });

  it('reports a resource the AS does not know (invalid_target)', async () => {
    const as = await startAuthServer();
    const mcp = await startMcpServer({ issuer: as.issuer });
    closers.push(mcp.close, as.close);
    const report = await probeActive(mcp.url);
    expect(report.findings.map((f) => f.id)).toContain('active-resource-rejected');
  });

  it('reports a registration endpoint that fails', async () => {
    const h = await startHarness({ as: { metadataOverrides: { registration_endpoint: `http://127.0.0.1:${await closedPort()}/reg` } } });
    closers.push(h.close);
    const report = await probeActive(h.mcpUrl);
    expect(report.findings.find((f) => f.id === 'active-registration-failed')?.message).toMatch(/connection was refused/);
  });

  it('registers exactly the redirect URI it then sends, port included', async () => {
    const h = await startHarness();
    closers.push(h.close);
    const report = await probeActive(h.mcpUrl);
    const sent = new URL(report.steps.find((s) => s.kind === 'active-resource')?.url ?? 'http://invalid/');
    const redirectUri = sent.searchParams.get('redirect_uri') ?? '';
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const client = await h.as.provider.Client.find(sent.searchParams.get('client_id') ?? '');
    expect(client?.redirectUris).toEqual([redirectUri]);
  });

  it('says inconclusive, with the reason, when it cannot register a client', async () => {
    const h = await startHarness({ as: { registration: false } });
    closers.push(h.close);
    const report = await probeActive(h.mcpUrl);
    const inconclusive = report.findings.filter((f) => f.id === 'active-inconclusive');
    expect(inconclusive.map((f) => f.message)).toEqual([`${h.issuer}: inconclusive: the authorization server offers no registration_endpoint, so no client could be registered and the authorization endpoint was not checked.`]);
    expect(report.findings.map((f) => f.id)).not.toContain('active-resource-rejected');
  });

  it('says inconclusive with the answer when the authorization request gets no redirect back', async () => {
    const h = await startHarness({ as: { metadataOverrides: { authorization_endpoint: `http://127.0.0.1:${await closedPort()}/auth` } } });
    closers.push(h.close);
    const report = await probeActive(h.mcpUrl);
    const message = report.findings.find((f) => f.id === 'active-inconclusive')?.message ?? '';
    expect(message).toMatch(/got no redirect back \(.*connection was refused.*\), so whether the resource is accepted is unknown/);
    expect(report.findings.map((f) => f.id)).not.toContain('active-resource-rejected');
  });
});
