import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { buildScopesReport, isScopeToken } from '../../src/core/scopes/scopes-report.js';
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
      if (report.missing.some(isScopeToken)) expect(report.fixes.length).toBeGreaterThan(0);
      // RFC 6749 §3.3: a value that is not a scope-token never reaches a suggested command.
      for (const argv of report.fixes) for (const scope of (argv[argv.indexOf('--scope') + 1] ?? '').split(' ')) if (argv.includes('--scope')) expect(isScopeToken(scope)).toBe(true);
    }), { numRuns: 500 });
  });

  it('the command rejects any malformed URL with a usage error', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 60 }).filter((s) => !/^https?:\/\//i.test(s) && !s.startsWith('-')), async (url) => {
      const deps = createTestDeps();
      expect(await runCli(['scopes', url], deps)).toBe(2);
    }), { numRuns: 100 });
  });
});
