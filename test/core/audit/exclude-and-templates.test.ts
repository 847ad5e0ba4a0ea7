import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileExcludes } from '../../../src/core/audit/path-glob.js';
import { scanFileText } from '../../../src/core/audit/scan-file.js';
import { FAKE_SECRETS } from './fake-secrets.js';
import { runAuditCli } from './run-audit-cli.js';

const GH = FAKE_SECRETS.GITHUB_PAT ?? '';
const config = (token: string): string => JSON.stringify({ mcpServers: { g: { command: 'npx', env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } });

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpauth-exclude-'));
  for (const path of ['.mcp.json', 'test/fixtures/a/.mcp.json', 'docs/sample.mcp.json', 'apps/web/.cursor/mcp.json']) {
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), config(GH));
  }
  return dir;
}

describe('--exclude', () => {
  test('gitignore-style patterns', () => {
    const match = compileExcludes(['fixtures', 'docs/**', '*.sample.json', '/apps/web']);
    expect(['test/fixtures/a/.mcp.json', 'docs/x.json', 'a/b.sample.json', 'apps/web/.cursor/mcp.json'].map(match)).toEqual([true, true, true, true]);
    expect(['.mcp.json', 'apps/webby/x.json', 'fixturesX/y.json', 'other/docs/x.json'].map(match)).toEqual([false, false, false, false]);
  });

  test('leaves out matching files and folders, lists them, in a walk and in a git work tree', async () => {
    for (const useGit of [false, true]) {
      const dir = tree();
      if (useGit) execFileSync('git', ['init', '-q'], { cwd: dir });
      const run = await runAuditCli(dir, ['--json', '--exclude', 'fixtures', '--exclude', 'docs/**', ...(useGit ? [] : ['--no-gitignore'])]);
      const report = JSON.parse(run.out) as { findings: Array<{ file: string }>; excluded: Array<{ path: string; reason: string }> };
      expect(report.findings.map((f) => f.file)).toEqual(['.mcp.json', 'apps/web/.cursor/mcp.json']);
      expect(report.excluded.filter((e) => e.reason === 'exclude-option').map((e) => e.path)).toEqual(useGit ? ['docs/sample.mcp.json', 'test/fixtures/a/.mcp.json'] : ['docs/sample.mcp.json', 'test/fixtures']);
    }
  });
});

describe('template files are documentation', () => {
  const NOW = new Date('2026-06-01T00:00:00Z');
  test('placeholders and local defaults are silent in .example/.sample/.template files, real tokens are not', () => {
    const text = JSON.stringify({ mcpServers: { g: { command: 'npx', env: { GITHUB_PERSONAL_ACCESS_TOKEN: '<YOUR_TOKEN>', DATABASE_URL: 'postgres://postgres:postgres@localhost/app' } } } });
    for (const file of ['.mcp.json.example', '.mcp.json.sample', 'mcp.template.json', '.env.example']) {
      const scan = scanFileText(file, file.startsWith('.env') ? 'API_TOKEN=your-token-here\n' : text, NOW);
      expect([file, scan.isConfig, scan.findings]).toEqual([file, true, []]);
    }
    expect(scanFileText('.mcp.json', text, NOW).findings.map((f) => f.ruleId)).toEqual(['placeholder-value', 'local-default-credentials']);
    expect(scanFileText('.mcp.json.example', config(GH), NOW).findings.map((f) => [f.ruleId, f.client])).toEqual([['github-pat', 'claude-code']]);
  });
});
