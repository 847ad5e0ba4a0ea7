import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { scanFileText } from '../../src/core/audit/scan-file.js';
import { readDocument } from '../../src/core/setup/apply-entry.js';
import { getWriter, SETUP_WRITERS, targetFile } from '../../src/core/setup/setup-targets.js';
import { startHarness, type Harness } from '../harness/index.js';
import { createTestDeps } from '../helpers/test-deps.js';

const FIXTURES: Record<string, string> = {
  'claude-code': 'claude-code.json', 'claude-desktop': 'claude-desktop.json', codex: 'codex.toml', gemini: 'gemini.json', goose: 'goose.yaml',
  opencode: 'opencode.jsonc', cursor: 'cursor.json', vscode: 'vscode.jsonc', windsurf: 'windsurf.json', zed: 'zed.jsonc', cline: 'cline.json', continue: 'continue.yaml',
};
/** What survives from each fixture: a comment or an unrelated setting. */
const KEPT: Record<string, string> = {
  'claude-code': '"numStartups": 12', 'claude-desktop': '"globalShortcut": "Ctrl+Space"', codex: '# trailing comment stays too', gemini: '"theme": "GitHub"',
  goose: '# goose configuration', opencode: '// the model we use', cursor: '"mcp-server-git"', vscode: '// servers for Copilot agent mode', windsurf: '{',
  zed: '// Zed settings', cline: '"autoApprove": []', continue: '# models stay as they are',
};
const NATIVE = new Set(['claude-code', 'codex', 'gemini', 'opencode', 'cursor', 'vscode', 'windsurf', 'zed']);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

function placeFixture(client: string): { home: string; file: string } {
  const home = mkdtempSync(join(tmpdir(), `mcpauth-setup-${client}-`));
  const writer = getWriter(client)!;
  const file = targetFile(writer, 'user', { platform: 'linux', home, env: {} }, home, 'demo')!;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, readFileSync(new URL(`fixtures/${FIXTURES[client]}`, import.meta.url), 'utf8'));
  return { home, file };
}

async function setup(client: string, home: string, extra: string[] = []) {
  const deps = createTestDeps({ env: { HOME: home, MCPAUTH_HOME: join(home, '.mcpauth'), MCPAUTH_NO_KEYCHAIN: '1' } });
  const code = await runCli(['setup', client, harness.mcpUrl, '--name', 'demo', '--write', '--no-login', '--json', ...extra], deps);
  expect(code, deps.io.err()).toBe(0);
  return JSON.parse(deps.io.out()) as { mode: string; change: string; written: boolean; entry: Record<string, unknown>; file: string };
}

describe('setup writes every client from its fixture', () => {
  it('has a fixture for every client it can set up', () => {
    expect(SETUP_WRITERS.map((writer) => writer.id).sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  for (const [client] of Object.entries(FIXTURES)) {
    for (const variant of ['default', '--proxy', '--npx']) {
      const forceProxy = variant !== 'default';
      const extra = variant === 'default' ? [] : variant === '--npx' ? ['--proxy', '--npx'] : ['--proxy'];
      it(`${client} ${variant}: entry added, the rest kept, idempotent, audit-config clean`, async () => {
        const { home, file } = placeFixture(client);
        const first = await setup(client, home, extra);
        expect(first).toMatchObject({ change: 'added', written: true, file, mode: forceProxy || !NATIVE.has(client) ? 'proxy' : 'url' });
        const after = readFileSync(file, 'utf8');
        expect(after).toContain(KEPT[client]);
        const writer = getWriter(client)!;
        const document = readDocument(after, writer.format) as Record<string, unknown>;
        const servers = writer.serverPath('user', document).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document);
        const entry = Array.isArray(servers) ? servers.find((item: { name?: string }) => item.name === 'demo') : (servers as Record<string, unknown>).demo;
        expect(entry).toEqual(first.entry);
        expect(JSON.stringify(entry)).toContain(harness.mcpUrl);
        const again = await setup(client, home, extra);
        expect(again).toMatchObject({ change: 'unchanged', written: false });
        expect(readFileSync(file, 'utf8')).toBe(after);
        expect(scanFileText(file, after, new Date()).findings).toEqual([]);
      });
    }
  }
});
