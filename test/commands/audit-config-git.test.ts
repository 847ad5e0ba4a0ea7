import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FAKE_SECRETS } from '../core/audit/fake-secrets.js';
import { runAuditCli } from '../core/audit/run-audit-cli.js';

/** A throwaway git repository built by the test itself. */
function createRepo(): { dir: string; git: (...args: string[]) => string; write: (path: string, text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcpauth-audit-git-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z', GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z' } });
  git('init', '-q', '-b', 'main');
  const write = (path: string, text: string): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  return { dir, git, write };
}

const config = (token: string): string => `${JSON.stringify({ mcpServers: { github: { command: 'node', env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2)}\n`;

interface JsonReport {
  findings: Array<{ ruleId: string; file: string; line: number; commit?: { commit: string; author: string; date: string } }>;
}

describe('audit-config in a git repository', () => {
  test('gitignored files are skipped unless --no-gitignore', async () => {
    const repo = createRepo();
    repo.write('.gitignore', '.env\n');
    repo.write('.env', `GROQ_API_KEY=${FAKE_SECRETS.GROQ}\n`);
    const report = JSON.parse((await runAuditCli(repo.dir, ['--json'])).out) as JsonReport;
    expect(report.findings).toEqual([]);
    const all = JSON.parse((await runAuditCli(repo.dir, ['--json', '--no-gitignore'])).out) as JsonReport;
    expect(all.findings.map((f) => f.ruleId)).toEqual(['groq-api-key']);
  });

  test('--staged scans the index, not the working tree', async () => {
    const repo = createRepo();
    repo.write('.mcp.json', config('${GITHUB_TOKEN}'));
    repo.git('add', '.mcp.json');
    expect((await runAuditCli(repo.dir, ['--staged'])).code).toBe(0);
    repo.write('.mcp.json', config(FAKE_SECRETS.GITHUB_PAT ?? ''));
    expect((await runAuditCli(repo.dir, ['--staged'])).code).toBe(0);
    repo.git('add', '.mcp.json');
    const staged = await runAuditCli(repo.dir, ['--staged', '--json']);
    expect(staged.code).toBe(1);
    expect((JSON.parse(staged.out) as JsonReport).findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([['.mcp.json', 6, 'github-pat']]);
  });

  test('--git-history finds a secret deleted later, with commit, author and date', async () => {
    const repo = createRepo();
    repo.write('.cursor/mcp.json', config(FAKE_SECRETS.GITHUB_PAT ?? ''));
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'add config');
    const leaked = repo.git('rev-parse', 'HEAD').trim();
    repo.write('.cursor/mcp.json', config('${env:GITHUB_TOKEN}'));
    repo.git('commit', '-q', '-am', 'use env reference');
    expect((await runAuditCli(repo.dir, [])).code).toBe(0);
    const history = await runAuditCli(repo.dir, ['--git-history', '--json']);
    expect(history.code).toBe(1);
    expect((JSON.parse(history.out) as JsonReport).findings).toMatchObject([
      { ruleId: 'github-pat', file: '.cursor/mcp.json', line: 6, commit: { commit: leaked, author: 'Ada', date: '2026-01-02T03:04:05+00:00' } },
    ]);
    expect(history.out).not.toContain(FAKE_SECRETS.GITHUB_PAT);
  });

  test('--staged outside a git repository is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpauth-audit-nogit-'));
    const run = await runAuditCli(dir, ['--staged']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('needs a git repository');
    rmSync(dir, { recursive: true });
  });
});
