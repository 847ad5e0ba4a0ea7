import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createCapturedIO } from '../../src/platform/io.js';
import { FAKE_SECRETS } from '../core/audit/fake-secrets.js';

/** `audit-config --user` against a fake home folder: what it finds, how it labels it, and that it reads only. */
const GH = FAKE_SECRETS.GITHUB_PAT ?? '';
const OPAQUE = FAKE_SECRETS.OPAQUE ?? '';
const REFRESH = `r1.${OPAQUE}`;

function fakeHome(): { home: string; files: string[] } {
  const home = mkdtempSync(join(tmpdir(), 'mcpauth-home-'));
  const files: string[] = [];
  const write = (rel: string, text: string, mode = 0o600): void => {
    const path = join(home, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    chmodSync(path, mode);
    files.push(path);
  };
  write('.claude.json', JSON.stringify({ numStartups: 3, projects: { '/home/ada/app': { mcpServers: { gh: { command: 'npx', env: { GITHUB_PERSONAL_ACCESS_TOKEN: GH } } } } } }), 0o644);
  write('.cursor/mcp.json', JSON.stringify({ mcpServers: { gh: { url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${env:GITHUB_PAT}' } } } }));
  write('.config/Code/User/mcp.json', JSON.stringify({ servers: { api: { type: 'http', url: 'https://api.example.com/mcp', headers: { Authorization: `Bearer ${OPAQUE}` } } } }));
  write('.codex/config.toml', `[mcp_servers.figma]\nurl = "https://mcp.figma.com/mcp"\nbearer_token = "${OPAQUE}"\n`);
  write('.mcp-auth/mcp-remote-0.1.29/4f2a_tokens.json', JSON.stringify({ access_token: OPAQUE, token_type: 'Bearer', refresh_token: REFRESH }), 0o644);
  const old = new Date('2025-01-01T00:00:00Z');
  utimesSync(join(home, '.mcp-auth/mcp-remote-0.1.29/4f2a_tokens.json'), old, old);
  return { home, files };
}

async function runUser(home: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = createCapturedIO({ stdoutIsTTY: false, stderrIsTTY: false });
  const deps = { io, env: { HOME: home }, fetch: () => Promise.reject(new Error('offline')), now: () => new Date('2026-06-01T00:00:00Z'), clock: () => 0, signal: new AbortController().signal, cwd: home, color: { stdout: false, stderr: false } };
  const code = await runCli(['audit-config', '--user', ...args], deps);
  return { code, out: io.out(), err: io.err() };
}

describe('audit-config --user', () => {
  test('finds every client file and token store, names the client, reports modes and plaintext refresh tokens', async () => {
    const { home } = fakeHome();
    const run = await runUser(home, ['--json']);
    const report = JSON.parse(run.out) as { findings: Array<{ file: string; ruleId: string; client: string; message: string }>; located: unknown[] };
    expect(report.located).toEqual([
      { file: '~/.claude.json', client: 'claude-code', kind: 'config' },
      { file: '~/.codex/config.toml', client: 'codex', kind: 'config' },
      { file: '~/.config/Code/User/mcp.json', client: 'vscode', kind: 'config' },
      { file: '~/.cursor/mcp.json', client: 'cursor', kind: 'config' },
      { file: '~/.mcp-auth/mcp-remote-0.1.29/4f2a_tokens.json', client: 'mcp-remote', kind: 'token-store' },
    ]);
    expect(report.findings.map((f) => `${f.file} ${f.ruleId} ${f.client}`).sort()).toEqual([
      '~/.claude.json file-readable-by-others claude-code',
      '~/.claude.json github-pat claude-code',
      '~/.codex/config.toml bearer-literal codex',
      '~/.config/Code/User/mcp.json bearer-literal vscode',
      '~/.mcp-auth/mcp-remote-0.1.29/4f2a_tokens.json file-readable-by-others mcp-remote',
      '~/.mcp-auth/mcp-remote-0.1.29/4f2a_tokens.json plaintext-token-store mcp-remote',
    ]);
    expect(report.findings.find((f) => f.ruleId === 'plaintext-token-store')?.message).toBe('mcp-remote keeps a refresh token and an access token in clear text here; last written 516 days ago, so probably stale: revoke it');
    expect(run.code).toBe(1);
  });

  test('never prints a secret and never changes a file', async () => {
    const { home, files } = fakeHome();
    const before = files.map((file) => [readFileSync(file, 'utf8'), statSync(file).mtimeMs, statSync(file).mode]);
    for (const args of [[], ['--json'], ['--sarif'], ['--format', 'github'], ['--verbose']]) {
      const run = await runUser(home, args);
      for (const secret of [GH, OPAQUE, REFRESH]) expect(`${run.out}${run.err}`).not.toContain(secret);
    }
    expect(files.map((file) => [readFileSync(file, 'utf8'), statSync(file).mtimeMs, statSync(file).mode])).toEqual(before);
  });

  test('human output lists the set-up with its clients', async () => {
    const { home } = fakeHome();
    const run = await runUser(home, []);
    expect(run.out.split('\n').slice(0, 7).join('\n')).toMatchInlineSnapshot(`
      "MCP set-up on this machine
        ~/.claude.json                                  claude-code
        ~/.codex/config.toml                            codex
        ~/.config/Code/User/mcp.json                    vscode
        ~/.cursor/mcp.json                              cursor
        ~/.mcp-auth/mcp-remote-0.1.29/4f2a_tokens.json  mcp-remote (token store)
      "
    `);
  });

  test('an empty home says so, exit 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-empty-home-'));
    const run = await runUser(home, []);
    expect(run.out).toContain('No MCP client configs or token stores found in the usual places.');
    expect(run.code).toBe(0);
  });
});
