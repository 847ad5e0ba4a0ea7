import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RotateOptions } from '../../src/commands/rotate.js';
import { runConfigRotation, type DetectSecrets } from '../../src/commands/rotate-config.js';
import { createRuntime } from '../../src/commands/runtime.js';
import { sitesFromFindings } from '../../src/core/rotate/config/sites-from-findings.js';
import { createTestDeps } from '../helpers/test-deps.js';

const GH = 'ghp_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8';
const CONFIG = `{
  // project servers
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GH}" }
    }
  }
}
`;

/** Stands in for audit-config's scanner: finds GH wherever it is, as a finding with its span. */
const fakeDetect: DetectSecrets = async (file, text) => {
  const offset = text.indexOf(GH);
  if (offset < 0) return { isConfig: true, client: 'claude-code', sites: [] };
  const line = text.slice(0, offset).split('\n').length;
  const column = offset - text.lastIndexOf('\n', offset - 1);
  const finding = { ruleId: 'github-pat', category: 'secret', severity: 'error', file, line, column, endLine: line, endColumn: column + GH.length, pointer: '/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN', client: 'claude-code' };
  return { isConfig: true, client: 'claude-code', sites: sitesFromFindings(text, [finding]) };
};

let dir: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' }).toString();

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcpauth-rotate-config-'));
  git('init', '-q');
  await writeFile(join(dir, '.mcp.json'), CONFIG);
  git('add', '.mcp.json');
  git('commit', '-q', '-m', 'add config with a token');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(flags: Partial<RotateOptions> = {}, json = false) {
  const deps = { ...createTestDeps(), cwd: dir };
  const runtime = await createRuntime(deps, { json, color: false, verbose: false, timeoutMs: 2000, input: false, allowHttp: false });
  const options: RotateOptions = { url: undefined, all: false, ifExpiringWithin: undefined, client: false, config: '.mcp.json', to: 'env', write: false, ...flags };
  const code = await runConfigRotation(options, runtime, fakeDetect);
  return { code, out: deps.io.out() };
}

describe('rotate --config (git repository, committed secret)', () => {
  it('dry run: masked diff, where the value would go, and the revocation page; nothing written', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).not.toContain(GH);
    expect(out.replace(/#[0-9a-f]{8}/g, '#HASH')).toMatchInlineSnapshot(`
      ".mcp.json (claude-code): 1 literal secret to move into environment references

      --- a/.mcp.json
      +++ b/.mcp.json
      @@ -4,7 +4,7 @@
           "github": {
             "command": "npx",
             "args": ["-y", "@modelcontextprotocol/server-github"],
      -      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_…[40 chars, #HASH]" }
      +      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PERSONAL_ACCESS_TOKEN}" }
           }
         }
       }

      Would write GITHUB_PERSONAL_ACCESS_TOKEN to .env (mode 0600).
      Would add /.env to .gitignore.
        Load it before starting the client, e.g. set -a; . .env; set +a (or direnv / envFile).

      These secrets are in git history. Moving them is not enough: anyone with a clone has them. Revoke each one and create a new one:
        GITHUB_PERSONAL_ACCESS_TOKEN (github-pat): revoke at GitHub: https://github.com/settings/tokens

      Dry run: nothing was written. Run again with --write to apply.
      "
    `);
    expect(await readFile(join(dir, '.mcp.json'), 'utf8')).toBe(CONFIG);
    await expect(stat(join(dir, '.env'))).rejects.toThrow();
  });

  it('--write: config keeps its comment, .env is 0600 and git-ignored, no tracked file holds the secret; idempotent', async () => {
    const { code } = await run({ write: true });
    expect(code).toBe(0);
    const config = await readFile(join(dir, '.mcp.json'), 'utf8');
    expect(config).toBe(CONFIG.replace(GH, '${GITHUB_PERSONAL_ACCESS_TOKEN}'));
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe(`GITHUB_PERSONAL_ACCESS_TOKEN='${GH}'\n`);
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(git('check-ignore', '.env').trim()).toBe('.env');
    git('add', '-A');
    // git grep exits 1 when no tracked (staged) file contains the secret.
    expect(() => git('grep', '--cached', '-q', '-F', '-e', GH)).toThrow(expect.objectContaining({ status: 1 }));
    expect(git('ls-files').split('\n').sort().filter(Boolean)).toEqual(['.gitignore', '.mcp.json']);

    const again = await run({ write: true });
    expect(again.code).toBe(0);
    expect(again.out).toBe('No literal secrets in .mcp.json: nothing to move.\n');
    expect(await readFile(join(dir, '.mcp.json'), 'utf8')).toBe(config);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe(`GITHUB_PERSONAL_ACCESS_TOKEN='${GH}'\n`);
  });

  it('refuses (exit 2) to write into a tracked .env, and writes nothing', async () => {
    await writeFile(join(dir, '.env'), 'OTHER=1\n');
    git('add', '.env');
    const { code, out } = await run({ write: true });
    expect(code).toBe(2);
    expect(out).toContain('Refused: .env is tracked by git');
    expect(await readFile(join(dir, '.mcp.json'), 'utf8')).toBe(CONFIG);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe('OTHER=1\n');
  });

  it('--to print --write --json: values only for the secret manager, nothing in .env', async () => {
    const { code, out } = await run({ write: true, to: 'print' }, true);
    expect(code).toBe(0);
    const document = JSON.parse(out) as Record<string, unknown>;
    expect(document).toMatchObject({ written: true, target: 'print', dotenv: null, values: [{ envName: 'GITHUB_PERSONAL_ACCESS_TOKEN', secret: GH }] });
    await expect(stat(join(dir, '.env'))).rejects.toThrow();
  });

  it('--json dry run: the exact document, masked', async () => {
    const { code, out } = await run({}, true);
    expect(code).toBe(0);
    expect(out).not.toContain(GH);
    const document = JSON.parse(out) as Record<string, unknown>;
    expect({ ...document, diff: typeof document.diff }).toEqual({
      file: '.mcp.json',
      client: 'claude-code',
      target: 'env',
      written: false,
      changed: true,
      diff: 'string',
      moved: [{ envName: 'GITHUB_PERSONAL_ACCESS_TOKEN', ruleId: 'github-pat' }],
      skipped: [],
      dotenv: { path: '.env', changes: true, ignoreEntry: '/.env' },
      committed: [{ envName: 'GITHUB_PERSONAL_ACCESS_TOKEN', ruleId: 'github-pat', page: { provider: 'GitHub', url: 'https://github.com/settings/tokens' } }],
      refusal: null,
      oauthServers: [],
    });
  });

  it('colours the committed-secret warning on a terminal', async () => {
    const deps = { ...createTestDeps({ tty: true }), cwd: dir };
    const runtime = await createRuntime(deps, { json: false, color: true, verbose: false, timeoutMs: 2000, input: false, allowHttp: false });
    const options: RotateOptions = { url: undefined, all: false, ifExpiringWithin: undefined, client: false, config: '.mcp.json', to: 'env', write: false };
    expect(await runConfigRotation(options, runtime, fakeDetect)).toBe(0);
    expect(deps.io.out()).toMatch(/\u001b\[31m\u001b\[1mThese secrets are in git history/);
  });

  it('a config in .vscode-style folder puts .env at the project root', async () => {
    await mkdir(join(dir, '.cursor'));
    await writeFile(join(dir, '.cursor', 'mcp.json'), CONFIG);
    const { out } = await run({ config: '.cursor/mcp.json' }, true);
    expect((JSON.parse(out) as { dotenv: { path: string } }).dotenv.path).toBe('.env');
  });
});
