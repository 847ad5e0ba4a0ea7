import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAKE_SECRETS } from '../core/audit/fake-secrets.js';
import { mustRun, npmEnv, REPO_ROOT, run, type Run } from './clean-clone.js';

/**
 * The installs README.md and docs/install.md promise, each from a fresh `git clone` of this
 * repository, into temporary prefixes (never the real global one). One clone and one tarball are
 * shared: the clone is prepared exactly as pre-commit's `language: node` prepares a hook repository
 * (pre_commit/languages/node.py: `npm install --dev --prod ...`, `npm pack`, `npm install -g <tgz>`
 * with NPM_CONFIG_PREFIX set to an isolated environment), and that tarball is the one tested.
 */

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), 'mcpauth-install-'));
const clone = join(work, 'clone');
const hookEnvDir = join(work, 'pre-commit-env');
const linkPrefix = join(work, 'link-prefix');
let tarball = '';
let setup: Run;

// pre_commit/languages/node.py get_env_patch(): the hook runs with these.
const hookEnv = npmEnv({
  NODE_VIRTUAL_ENV: hookEnvDir,
  NPM_CONFIG_PREFIX: hookEnvDir,
  npm_config_prefix: hookEnvDir,
  NODE_PATH: join(hookEnvDir, 'lib', 'node_modules'),
  PATH: `${join(hookEnvDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
});

beforeAll(async () => {
  await mustRun('git', ['clone', '--quiet', REPO_ROOT, clone], { cwd: work });
  setup = await mustRun('npm', ['install', '--dev', '--prod', '--ignore-prepublish', '--no-progress', '--no-save'], { cwd: clone, env: hookEnv });
  const packed = await mustRun('npm', ['pack'], { cwd: clone, env: hookEnv });
  tarball = join(clone, packed.stdout.trim().split('\n').at(-1)!);
  await mustRun('npm', ['install', '-g', tarball], { cwd: clone, env: hookEnv });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

describe('installs from a clean clone', () => {
  it('installing the dependencies prints no install-scripts (allowScripts) warning', () => {
    expect(setup.stderr).not.toMatch(/install-scripts|allowScripts/);
    expect(setup.stdout + setup.stderr).toMatch(/tsup --silent/);
  });

  it('the tarball holds the built CLI and its docs, and no sources, tests or secrets', async () => {
    const listing = await mustRun('tar', ['-tzf', tarball], { cwd: work });
    const files = listing.stdout.trim().split('\n').map((path) => path.replace(/^package\//, ''));
    for (const required of ['package.json', 'bin/mcpauth.js', 'dist/main.js', 'dist/main.js.map', 'LICENSE', 'README.md', 'docs/install.md', 'completions/mcpauth.bash']) {
      expect(files).toContain(required);
    }
    expect(files.filter((path) => /^(src|test|node_modules|\.ci)\/|(^|\/)\.env|\.(pem|key|ts)$|\.tgz$/.test(path))).toEqual([]);
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await mustRun('tar', ['-xzf', tarball, '-C', unpacked], { cwd: work });
    // The packed files themselves pass mcpauth's own secret scan.
    const audit = await run(join(hookEnvDir, 'bin', 'mcpauth'), ['audit-config', '--no-gitignore', '--json', join(unpacked, 'package')], { cwd: unpacked, env: hookEnv });
    expect(audit.stderr).toBe('');
    expect((JSON.parse(audit.stdout) as { findings: unknown[] }).findings).toEqual([]);
    expect(audit.code).toBe(0);
  });

  it('npm install -g <tgz>: the installed mcpauth runs', async () => {
    const bin = join(hookEnvDir, 'bin', 'mcpauth');
    expect(await run(bin, ['--version'], { cwd: work, env: hookEnv })).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const help = await run(bin, ['--help'], { cwd: work, env: hookEnv });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit-config');
    const usage = await run(bin, ['no-such-command'], { cwd: work, env: hookEnv });
    expect(usage.code).toBe(2);
  });

  it('the pre-commit hook, installed as language: node installs it, blocks a staged token (exit 1)', async () => {
    const hooks = parse(readFileSync(join(clone, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string }>;
    const hook = hooks.find((entry) => entry.id === 'mcpauth-audit-config')!;
    expect(hook.language).toBe('node');
    const repo = join(work, 'user-repo');
    mkdirSync(repo);
    await mustRun('git', ['init', '--quiet'], { cwd: repo });
    const secret = FAKE_SECRETS.GITHUB_PAT!;
    writeFileSync(join(repo, '.mcp.json'), JSON.stringify({ mcpServers: { gh: { command: 'npx', args: ['-y', 'server-github@1.0.0'], env: { GITHUB_TOKEN: secret } } } }, null, 2));
    await mustRun('git', ['add', '.mcp.json'], { cwd: repo });
    const [program, ...args] = hook.entry.split(' ');
    const result = await run(program!, args, { cwd: repo, env: hookEnv });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain('github-pat');
    expect(result.stdout + result.stderr).not.toContain(secret);
    // Unstaged, the same hook passes: it reads the index, not the work tree.
    await mustRun('git', ['rm', '--cached', '--quiet', '.mcp.json'], { cwd: repo });
    expect((await run(program!, args, { cwd: repo, env: hookEnv })).code).toBe(0);
  });

  it('npm install -g <clone folder> (after installing its dependencies there) puts a working mcpauth on the PATH', async () => {
    await mustRun('npm', ['install', '-g', '.'], { cwd: clone, env: npmEnv({ npm_config_prefix: linkPrefix }) });
    const result = await run(join(linkPrefix, 'bin', 'mcpauth'), ['--version'], { cwd: work, env: npmEnv() });
    expect(result).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('a project pins it as a devDependency from git at a commit; the lock file records the commit', async () => {
    const commit = (await mustRun('git', ['rev-parse', 'HEAD'], { cwd: clone })).stdout.trim();
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', private: true }));
    await mustRun('npm', ['install', '--save-dev', `git+file://${clone}#${commit}`], { cwd: project, env: npmEnv() });
    // Built while npm packed the git dependency (its `prepare` ran then, with the devDependencies).
    expect(readFileSync(join(project, 'node_modules', 'mcpauth', 'dist', 'main.js'), 'utf8').length).toBeGreaterThan(0);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
    expect(lock.packages['node_modules/mcpauth']?.resolved).toBe(`git+file://${clone}#${commit}`);
    const result = await run('npx', ['--no-install', 'mcpauth', '--version'], { cwd: project, env: npmEnv() });
    expect(result).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  }, 180_000);
});
