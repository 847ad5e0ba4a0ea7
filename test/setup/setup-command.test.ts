import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { startHarness, type Harness } from '../harness/index.js';
import { createTestDeps } from '../helpers/test-deps.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

async function setup(home: string, args: string[]) {
  const deps = createTestDeps({ env: { HOME: home, MCPAUTH_HOME: join(home, '.mcpauth'), MCPAUTH_NO_KEYCHAIN: '1' } });
  const code = await runCli(['setup', ...args], deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

describe('mcpauth setup (command)', () => {
  it('a dry run prints the diff, says how to apply it, and writes nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-setup-'));
    const run = await setup(home, ['cursor', harness.mcpUrl, '--name', 'demo']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`+    "demo": {`);
    expect(run.out).toContain(`+      "url": "${harness.mcpUrl}"`);
    expect(run.out).toContain('Dry run: nothing written. Add --write to apply.');
    expect(existsSync(join(home, '.cursor', 'mcp.json'))).toBe(false);
  });

  it('masks a secret already in the file in the diff it prints', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-setup-'));
    mkdirSync(join(home, '.cursor'));
    const secret = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    writeFileSync(join(home, '.cursor', 'mcp.json'), `{\n  "mcpServers": {\n    "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${secret}" } }\n  }\n}\n`);
    const run = await setup(home, ['cursor', harness.mcpUrl, '--name', 'demo']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('"GITHUB_TOKEN"');
    expect(run.out).not.toContain(secret);
  });

  it('a file that is not valid JSON is left alone, with exit 2 and where', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-setup-'));
    mkdirSync(join(home, '.cursor'));
    writeFileSync(join(home, '.cursor', 'mcp.json'), '{ "mcpServers": ');
    const run = await setup(home, ['cursor', harness.mcpUrl, '--write']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('mcp.json cannot be edited: it is not valid JSON');
    expect(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8')).toBe('{ "mcpServers": ');
  });

  it('an unknown client lists the ones it knows', async () => {
    const run = await setup(mkdtempSync(join(tmpdir(), 'mcpauth-setup-')), ['notepad', harness.mcpUrl]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/cannot set up 'notepad'[\s\S]*claude-code, claude-desktop, codex/);
  });

  it('--list --json names every client with its files on the three systems', async () => {
    const run = await setup(mkdtempSync(join(tmpdir(), 'mcpauth-setup-')), ['--list', '--json']);
    const rows = JSON.parse(run.out) as Array<{ client: string; user: Record<string, string> }>;
    expect(rows.find((row) => row.client === 'claude-desktop')?.user).toEqual({
      linux: '~/.config/Claude/claude_desktop_config.json', darwin: '~/Library/Application Support/Claude/claude_desktop_config.json', win32: '%APPDATA%\\Claude\\claude_desktop_config.json',
    });
    expect(rows).toHaveLength(12);
  });

  it('--scope project writes the project file (Continue: one block file per server)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-setup-'));
    const run = await setup(home, ['continue', harness.mcpUrl, '--scope', 'project', '--project-dir', home, '--name', 'demo', '--write', '--no-login']);
    expect(run.code, run.err).toBe(0);
    const text = readFileSync(join(home, '.continue', 'mcpServers', 'demo.yaml'), 'utf8');
    expect(text).toMatch(/^name: demo\nversion: 0\.0\.1\nschema: v1\nmcpServers:\n {2}- name: demo\n {4}type: stdio\n/);
  });

  it('does not write through a symlink', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-setup-'));
    const elsewhere = join(home, 'elsewhere.json');
    writeFileSync(elsewhere, '{}\n');
    mkdirSync(join(home, '.cursor'));
    symlinkSync(elsewhere, join(home, '.cursor', 'mcp.json'));
    const run = await setup(home, ['cursor', harness.mcpUrl, '--write']);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/refusing to write .*mcp\.json: it is a symbolic link/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{}\n');
    // The link itself is left as it was (not replaced by a regular file), and no temp file is left beside it.
    expect(lstatSync(join(home, '.cursor', 'mcp.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(home, '.cursor', 'mcp.json'))).toBe(elsewhere);
    expect(readdirSync(join(home, '.cursor'))).toEqual(['mcp.json']);
  });
});
