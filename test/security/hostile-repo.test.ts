import { execFileSync, spawn } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createSafeWriter, followLineEndings } from '../../src/platform/safe-write.js';
import { createTestDeps } from '../helpers/test-deps.js';

/** The built CLI, as users run it (`npm test` builds dist/ first). */
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const token = (n: number) => `ghp_${String(n).repeat(36).slice(0, 36)}`;
const config = (secret: string) => `{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${secret}" }\n    }\n  }\n}\n`;

let base: string;
let repo: string;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.invalid', '-c', 'user.name=t', ...args], { cwd: repo, stdio: 'pipe' }).toString();

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'mcpauth-hostile-repo-'));
  // The directory name is the payload of the original finding: it ended up in a sourced rc file.
  repo = join(base, 'a;touch${IFS}pwned;#');
  await mkdir(repo);
  git('init', '-q');
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function rotate(...extra: string[]) {
  const deps = { ...createTestDeps(), cwd: repo };
  const code = await runCli(['rotate', '--config', '.mcp.json', '--write', ...extra], deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

describe('rotate --config --write in a hostile repository', () => {
  it('HIGH: refuses a .gitignore symlinked to a file outside the repository, and writes nothing at all', async () => {
    const rc = join(base, 'bashrc');
    await writeFile(rc, '# my shell rc\n');
    await symlink(rc, join(repo, '.gitignore'));
    await writeFile(join(repo, '.mcp.json'), config(token(1)));
    const { code, err } = await rotate();
    expect(code).toBe(2);
    expect(err).toMatch(/refusing to write .*\.gitignore: it is a symbolic link to .*bashrc/);
    expect(await readFile(rc, 'utf8')).toBe('# my shell rc\n');
    expect(await readFile(join(repo, '.mcp.json'), 'utf8')).toBe(config(token(1)));
    await expect(lstat(join(repo, '.env'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a symlinked .env (it is not replaced by a copy) and a symlinked config (it is not written through)', async () => {
    const elsewhere = join(base, 'elsewhere.env');
    await writeFile(elsewhere, 'KEEP=1\n');
    await symlink(elsewhere, join(repo, '.env'));
    await writeFile(join(repo, '.mcp.json'), config(token(2)));
    expect((await rotate()).code).toBe(2);
    expect(await readlink(join(repo, '.env'))).toBe(elsewhere);
    expect(await readFile(elsewhere, 'utf8')).toBe('KEEP=1\n');

    await rm(join(repo, '.env'));
    await writeFile(join(base, 'real.json'), config(token(2)));
    await rm(join(repo, '.mcp.json'));
    await symlink(join(base, 'real.json'), join(repo, '.mcp.json'));
    const { code, err } = await rotate();
    expect(code).toBe(2);
    expect(err).toMatch(/\.mcp\.json: it is a symbolic link/);
    expect(await readFile(join(base, 'real.json'), 'utf8')).toBe(config(token(2)));
  });

  it('--follow-symlinks writes through a link inside the project, never one leading out', async () => {
    await mkdir(join(repo, 'conf'));
    await writeFile(join(repo, 'conf', 'mcp.json'), config(token(3)));
    await symlink('conf/mcp.json', join(repo, '.mcp.json'));
    expect((await rotate()).code).toBe(2);
    const { code } = await rotate('--follow-symlinks');
    expect(code).toBe(0);
    expect((await lstat(join(repo, '.mcp.json'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(repo, 'conf', 'mcp.json'), 'utf8')).toContain('${GITHUB_PERSONAL_ACCESS_TOKEN}');
    expect(await readFile(join(repo, '.env'), 'utf8')).toBe(`GITHUB_PERSONAL_ACCESS_TOKEN='${token(3)}'\n`);

    const outside = join(base, 'outside.gitignore');
    await writeFile(outside, '');
    await rm(join(repo, '.gitignore'));
    await symlink(outside, join(repo, '.gitignore'));
    await writeFile(join(repo, 'conf', 'mcp.json'), config(token(4)));
    expect((await rotate('--follow-symlinks')).code).toBe(2);
    expect(await readFile(outside, 'utf8')).toBe('');
  });

  it('keeps the config mode and CRLF line endings; the .env is 0600; .gitignore escapes pattern characters', async () => {
    const dir = join(repo, 'x[1]*');
    await mkdir(dir);
    await writeFile(join(dir, '.mcp.json'), config(token(5)).replace(/\n/g, '\r\n'), { mode: 0o640 });
    await chmod(join(dir, '.mcp.json'), 0o640);
    await writeFile(join(repo, '.gitignore'), 'node_modules/\r\n');
    const deps = { ...createTestDeps(), cwd: dir };
    expect(await runCli(['rotate', '--config', '.mcp.json', '--write'], deps)).toBe(0);
    const written = await readFile(join(dir, '.mcp.json'), 'utf8');
    expect(written).toContain('${GITHUB_PERSONAL_ACCESS_TOKEN}');
    expect(written.replace(/\r\n/g, '')).not.toContain('\n');
    expect((await stat(join(dir, '.mcp.json'))).mode & 0o777).toBe(0o640);
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(repo, '.gitignore'), 'utf8')).toBe('node_modules/\r\n# secrets moved out of MCP configs by mcpauth rotate\r\n/x\\[1\\]\\*/.env\r\n'.replace('\\]', ']'));
    expect(git('check-ignore', 'x[1]*/.env').trim()).toBe('x[1]*/.env');
  });

  it('two concurrent runs sharing one .env lose nothing (10 trials, real processes)', async () => {
    const run = (file: string) => new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'rotate', '--config', file, '--write'], { cwd: repo, env: { ...process.env, CI: '1' }, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    // .mcp.json (Claude Code) and .cursor/mcp.json both put their secret into the one .env at the root.
    await mkdir(join(repo, '.cursor'));
    for (let trial = 0; trial < 10; trial += 1) {
      await writeFile(join(repo, '.cursor', 'mcp.json'), config(token(6)));
      await writeFile(join(repo, '.mcp.json'), config(token(7)));
      await rm(join(repo, '.env'), { force: true });
      const codes = await Promise.all([run('.cursor/mcp.json'), run('.mcp.json')]);
      expect(codes).toEqual([0, 0]);
      const env = await readFile(join(repo, '.env'), 'utf8');
      expect(env).toContain(token(6));
      expect(env).toContain(token(7));
      // Each config references a name that holds its own secret in the .env.
      for (const [file, secret] of [['.cursor/mcp.json', token(6)], ['.mcp.json', token(7)]] as const) {
        const name = /\$\{(?:env:)?([A-Z0-9_]+)\}/.exec(await readFile(join(repo, file), 'utf8'))?.[1];
        expect(env).toContain(`${name}='${secret}'`);
      }
    }
  }, 120_000);
});

describe('the safe writer', () => {
  it('a write failing half-way leaves the old file whole and no temp file behind', async () => {
    const file = join(repo, '.env');
    await writeFile(file, 'OLD=1\n', { mode: 0o600 });
    const writer = createSafeWriter({
      root: repo,
      writeData: async (handle, data) => {
        await handle.write(data.subarray(0, data.length >> 1));
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    });
    await expect(writer.write(file, `OLD=1\nNEW=${'x'.repeat(10_000)}\n`, { private: true })).rejects.toThrow(/cannot write .*\.env: no space is left on the device \(ENOSPC\)/);
    expect(await readFile(file, 'utf8')).toBe('OLD=1\n');
    expect((await readdir(repo)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('never writes outside the root, not even through a symlinked parent directory', async () => {
    await mkdir(join(base, 'out'));
    await symlink(join(base, 'out'), join(repo, 'linked'));
    const writer = createSafeWriter({ root: repo });
    await expect(writer.write(join(repo, '..', 'escape.txt'), 'x')).rejects.toThrow(/outside the project root/);
    await expect(writer.write(join(repo, 'linked', 'x.txt'), 'x')).rejects.toThrow(/outside the project root/);
    await expect(writer.write(join(repo, 'new', 'dir', 'x.txt'), 'made')).resolves.toBeUndefined();
    expect(await readFile(join(repo, 'new', 'dir', 'x.txt'), 'utf8')).toBe('made');
    expect(await readdir(join(base, 'out'))).toEqual([]);
  });

  it('names a directory in the way, and a read-only target directory, in one sentence (no internal error)', async () => {
    await mkdir(join(repo, '.env'));
    const writer = createSafeWriter({ root: repo });
    await expect(writer.write(join(repo, '.env'), 'x')).rejects.toThrow(/refusing to write .*\.env: it is a directory/);
    const failing = createSafeWriter({ root: repo, writeData: async () => { throw Object.assign(new Error('read-only'), { code: 'EROFS' }); } });
    await expect(failing.write(join(repo, 'a.txt'), 'x')).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/read-only \(EROFS\)/) });
  });

  it('line endings follow the file', () => {
    expect(followLineEndings('a\r\nb\r\n', 'a\r\nb\nc\n')).toBe('a\r\nb\r\nc\r\n');
    expect(followLineEndings('a\nb\n', 'a\nb\nc\n')).toBe('a\nb\nc\n');
    expect(followLineEndings(undefined, 'a\n')).toBe('a\n');
  });
});
