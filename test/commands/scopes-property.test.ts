import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { buildScopesReport } from '../../src/core/scopes/scopes-report.js';
import { heldScopes } from '../../src/core/scopes/held-scopes.js';
import type { ServerContext } from '../../src/core/token/server-context.js';
import { createTestDeps } from '../helpers/test-deps.js';

const scopeList = fc.option(fc.array(fc.string({ maxLength: 20 }), { maxLength: 6 }), { nil: undefined });

describe('scopes never crashes', () => {
  it('builds a report from any advertised/held/stored input', () => {
    fc.assert(fc.property(scopeList, scopeList, fc.jsonValue(), fc.string({ maxLength: 400 }), fc.array(fc.string(), { maxLength: 4 }), (challenge, prm, asScopes, token, granted) => {
      const server: ServerContext = { mcpUrl: 'https://mcp.example/mcp', challengeStatus: 401, challengeScope: challenge, resource: undefined, prmScopes: prm, issuer: undefined, as: { issuer: 'https://as.example', scopes_supported: asScopes as string[] }, notes: [] };
      const report = buildScopesReport(server, heldScopes({ accessToken: token, grantedScopes: granted }), undefined);
      expect(report.missing.every((s) => !report.held.scopes.includes(s))).toBe(true);
      if (report.missing.length > 0) expect(report.fixes.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });

  it('the command rejects any malformed URL with a usage error', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 60 }).filter((s) => !/^https?:\/\//i.test(s) && !s.startsWith('-')), async (url) => {
      const deps = createTestDeps();
      expect(await runCli(['scopes', url], deps)).toBe(2);
    }), { numRuns: 100 });
  });
});
