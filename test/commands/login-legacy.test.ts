import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

// 2025-03-26 servers: no RFC 9728 metadata; the AS metadata at the MCP origin. The default-endpoint
// variant (no metadata at all) runs in the conformance suite's back-compat scenarios.

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('login and call against a 2025-03-26 server', () => {
  it('fall back to the AS metadata at the MCP origin, with a warning naming probe\'s finding', async () => {
    harness = await startHarness({ mcp: { prm: { location: 'none' }, challenge: { resourceMetadata: false }, legacyMetadataAtOrigin: true } });
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-legacy-')), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const probe = await runMcpauth(['probe', harness.mcpUrl, '--json'], env);
    expect((JSON.parse(probe.out) as { findings: Array<{ id: string }> }).findings.map((f) => f.id)).toContain('legacy-2025-03-26');
    const compat = await runMcpauth(['probe', harness.mcpUrl, '--compat', '--json'], env);
    const rows = (JSON.parse(compat.out) as { compat: Array<{ client: string; verdict: string; reason: string }> }).compat;
    // SDK v1 clients fall back to the origin; strict 2025-06-18+ clients stop at the missing PRM.
    expect(rows.map((r) => [r.client, r.verdict])).toEqual([
      ['2025-03-26 clients', 'works'],
      ['2025-06-18 clients', 'fails'],
      ['2025-11-25 strict (exact resource/issuer)', 'fails'],
      ['2025-11-25 lenient (TS/Python SDK v1)', 'degraded'],
      ['2026-07-28 clients', 'fails'],
      ['browser-based clients', 'fails'],
    ]);
    expect(rows[3]?.reason).toContain('legacy-2025-03-26 (falls back to the AS metadata at the MCP origin)');
    const login = await runMcpauth(['login', harness.mcpUrl, '--protocol-version', '2025-03-26'], env);
    expect(login.code, login.err).toBe(0);
    expect(login.err).toContain(`warning: ${harness.mcpUrl} publishes no Protected Resource Metadata (probe: legacy-2025-03-26); using the 2025-03-26 fallback: the authorization server metadata at ${harness.mcp.origin}/.well-known/oauth-authorization-server (a mirror naming issuer ${harness.issuer}).`);
    const call = await runMcpauth(['call', harness.mcpUrl, 'echo', '--args', '{"text":"old"}', '--protocol-version', '2025-03-26'], env);
    expect(call.code, call.err).toBe(0);
    expect(call.out).toBe('old\n');
  });

  it('without PRM and without origin metadata, the error lists what was tried', async () => {
    harness = await startHarness({ mcp: { prm: { location: 'none' }, challenge: { resourceMetadata: false } } });
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-legacy-')), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const login = await runMcpauth(['login', harness.mcpUrl], env);
    expect(login.code).not.toBe(0);
    // The harness serves no /authorize at the MCP origin: the default endpoints are tried and fail there.
    expect(login.err).toContain('2025-03-26 default endpoints');
  });
});
