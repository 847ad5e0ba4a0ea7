import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { FAKE_SECRETS } from '../core/audit/fake-secrets.js';
import { createTestDeps } from '../helpers/test-deps.js';

const GH = FAKE_SECRETS.GITHUB_PAT ?? '';
const ANT = FAKE_SECRETS.ANTHROPIC ?? '';
const SLACK = FAKE_SECRETS.SLACK_BOT ?? '';

/** One config per client format, each with a comment (where the format allows) and two secrets. */
const CASES: Array<{ name: string; path: string; text: string; expectInAfter: string[] }> = [
  {
    name: 'Claude Code',
    path: '.mcp.json',
    text: `{\n  "mcpServers": {\n    "github": { "command": "npx", "args": ["-y", "server-github"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GH}" } },\n    "api": { "type": "http", "url": "https://api.example.invalid/mcp", "headers": { "Authorization": "Bearer ${ANT}" } }\n  }\n}\n`,
    expectInAfter: ['"${GITHUB_PERSONAL_ACCESS_TOKEN}"', '"Bearer ${API_TOKEN}"'],
  },
  {
    name: 'Cursor',
    path: '.cursor/mcp.json',
    text: `{\n  "mcpServers": {\n    "slack": { "command": "npx", "env": { "SLACK_BOT_TOKEN": "${SLACK}" } }\n  }\n}\n`,
    expectInAfter: ['"${env:SLACK_BOT_TOKEN}"'],
  },
  {
    name: 'VS Code (JSONC)',
    path: '.vscode/mcp.json',
    text: `// servers for this workspace\n{\n  "servers": {\n    // GitHub's remote server\n    "github": { "type": "http", "url": "https://api.example.invalid/mcp/", "headers": { "Authorization": "Bearer ${GH}" } },\n  },\n}\n`,
    expectInAfter: ['// servers for this workspace', "// GitHub's remote server", '"Bearer ${input:github-token}"', '"password": true'],
  },
  {
    name: 'Codex (TOML)',
    path: '.codex/config.toml',
    text: `# Codex\n[mcp_servers.github]\ncommand = "npx" # runs the server\nenv = { "GITHUB_TOKEN" = "${GH}" }\n\n[mcp_servers.anthropic]\nurl = "https://api.example.invalid/mcp"\nhttp_headers = { "Authorization" = "Bearer ${ANT}" }\n`,
    expectInAfter: ['# Codex', '# runs the server', 'env_vars = ["GITHUB_TOKEN"]', 'bearer_token_env_var = "ANTHROPIC_TOKEN"'],
  },
];

let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' }).toString();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcpauth-rotate-audit-'));
  git('init', '-q');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rotate(args: string[]) {
  const deps = { ...createTestDeps(), cwd: dir };
  const code = await runCli(['rotate', '--timeout', '1', ...args], deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

describe('rotate --config with audit-config detection, per client format', () => {
  for (const example of CASES) {
    it(`${example.name}: comments and order kept, secrets only in the ignored 0600 .env, idempotent`, async () => {
      const file = join(dir, example.path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, example.text);
      git('add', '-A');
      git('commit', '-q', '-m', 'config');

      const dry = await rotate(['--config', example.path]);
      expect(dry.code).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(example.text);
      for (const secret of [GH, ANT, SLACK]) expect(dry.out).not.toContain(secret);
      expect(dry.out).toContain('Moving them is not enough');

      const write = await rotate(['--config', example.path, '--write']);
      expect(write.code).toBe(0);
      const after = await readFile(file, 'utf8');
      for (const fragment of example.expectInAfter) expect(after).toContain(fragment);
      for (const secret of [GH, ANT, SLACK]) expect(after).not.toContain(secret);
      expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
      git('add', '-A');
      expect(() => git('grep', '--cached', '-q', '-F', '-e', GH, '-e', ANT, '-e', SLACK)).toThrow(expect.objectContaining({ status: 1 }));

      const again = await rotate(['--config', example.path, '--write']);
      expect(again.out).toBe(`No literal secrets in ${example.path}: nothing to move.\n`);
      expect(await readFile(file, 'utf8')).toBe(after);
    });
  }
});
