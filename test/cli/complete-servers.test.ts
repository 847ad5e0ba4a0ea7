import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { COMPLETE_SERVERS_COMMAND } from '../../src/commands/complete-servers.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { leafCommands } from '../contract/contract-cases.js';
import { requireProgram } from '../helpers/system-tools.js';
import { createTestDeps } from '../helpers/test-deps.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const STORED = ['https://mcp.example.com/mcp', 'http://127.0.0.1:8080/mcp'];
const SECRET = 'at-secret-value-never-printed';
let home: string;
let bin: string;

/** A real store (file secrets, no keychain) holding one credential per URL. */
async function storeWith(urls: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpauth-complete-'));
  const store = await openCredentialStore({ env: { MCPAUTH_HOME: dir, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
  for (const [index, url] of urls.entries()) {
    await store.save({
      serverUrl: url, resource: url, issuer: `https://as${index}.example.com`, clientId: 'c', tokenEndpointAuthMethod: 'none', scopes: [],
      tokenType: 'bearer', tokenEndpoint: `https://as${index}.example.com/token`, secrets: { accessToken: SECRET, refreshToken: `${SECRET}-r` },
    });
  }
  return dir;
}

async function complete(env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const deps = createTestDeps({ env });
  const code = await runCli([COMPLETE_SERVERS_COMMAND], deps);
  return { code, out: deps.io.out(), err: deps.io.err() };
}

beforeAll(async () => {
  home = await storeWith(STORED);
  // The completion scripts run `mcpauth` from PATH: the built CLI (npm test builds first).
  bin = mkdtempSync(join(tmpdir(), 'mcpauth-bin-'));
  symlinkSync(join(ROOT, 'bin/mcpauth.js'), join(bin, 'mcpauth'));
});

describe('mcpauth __complete-servers (hidden; run by the completion scripts)', () => {
  it('prints the stored server URLs, one per line, and nothing secret', async () => {
    const run = await complete({ MCPAUTH_HOME: home });
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out.split('\n').filter(Boolean).sort()).toEqual([...STORED].sort());
    expect(run.out).not.toContain(SECRET);
  });

  it('is silent and exits 0 when there is no store, and does not create one', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'mcpauth-none-')), 'home');
    expect(await complete({ MCPAUTH_HOME: missing })).toEqual({ code: 0, out: '', err: '' });
    expect(existsSync(missing)).toBe(false);
  });

  it('is silent and exits 0 on a store it refuses or cannot read (open mode, symlink, corrupt)', async () => {
    const open = await storeWith(STORED);
    chmodSync(join(open, 'credentials.json'), 0o644);
    const linked = mkdtempSync(join(tmpdir(), 'mcpauth-link-'));
    symlinkSync(join(home, 'credentials.json'), join(linked, 'credentials.json'));
    const corrupt = mkdtempSync(join(tmpdir(), 'mcpauth-corrupt-'));
    writeFileSync(join(corrupt, 'credentials.json'), '{"version":1,"credentials":', { mode: 0o600 });
    for (const dir of [open, linked, corrupt]) expect(await complete({ MCPAUTH_HOME: dir }), dir).toEqual({ code: 0, out: '', err: '' });
  });

  it('leaves out URLs with control, bidi or blank characters (a candidate is typed into the command line)', async () => {
    const dir = await storeWith(['https://ok.example.com/mcp', 'https://evil.example.com/\u001b]0;owned\u0007', 'https://evil.example.com/a b', 'https://evil.example.com/\u202eabc']);
    const run = await complete({ MCPAUTH_HOME: dir });
    expect(run.out).toBe('https://ok.example.com/mcp\n');
  });

  it('is hidden: not in --help, not a completion candidate, not in the contract tree', async () => {
    expect(leafCommands().map((leaf) => leaf.path)).not.toContain(COMPLETE_SERVERS_COMMAND);
    expect(leafCommands().map((leaf) => leaf.path)).toContain('login');
    const deps = createTestDeps();
    await runCli(['--help'], deps);
    expect(deps.io.out()).not.toContain('__complete');
    for (const shell of ['bash', 'zsh', 'fish']) {
      const script = readFileSync(join(ROOT, { bash: 'completions/mcpauth.bash', zsh: 'completions/_mcpauth', fish: 'completions/mcpauth.fish' }[shell] ?? ''), 'utf8');
      // Only ever run (`mcpauth __complete-servers 2>/dev/null`), never offered as a word.
      expect(script.match(/__complete-servers/g)?.length, shell).toBe(script.match(/mcpauth __complete-servers 2>\/dev\/null/g)?.length);
    }
  });

  it('answers from stage one (dist/start.js) without loading the command tree', () => {
    // A copy of the built CLI without stage two's dist/main.js: only what stage one loads can run.
    const copy = mkdtempSync(join(tmpdir(), 'mcpauth-stage-one-'));
    cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    rmSync(join(copy, 'dist/main.js'));
    const run = (...args: string[]) => spawnSync(process.execPath, [join(copy, 'bin/mcpauth.js'), ...args], { env: { ...process.env, MCPAUTH_HOME: home }, encoding: 'utf8' });
    const completed = run(COMPLETE_SERVERS_COMMAND);
    expect(completed.stderr).toBe('');
    expect(completed.status).toBe(0);
    expect(completed.stdout.split('\n').filter(Boolean).sort()).toEqual([...STORED].sort());
    // The control: a real command needs stage two, and fails in this copy.
    expect(run('status').stderr).toMatch(/main\.js/);
  });
});

describe('completion of stored server URLs in real shells', () => {
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, MCPAUTH_HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}` });

  it('bash: at a <url> argument, after --server, and across the ":" bash splits words at', () => {
    const script = join(ROOT, 'completions/mcpauth.bash');
    /** `line` as bash itself splits it (COMP_WORDBREAKS includes ':'); prints COMPREPLY. */
    const bash = (line: string): string[] => {
      const words = line.split(/(:)| /).filter((w) => w !== undefined && w !== '');
      if (line.endsWith(' ')) words.push('');
      const program = `source '${script}'; COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mcpauth; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { encoding: 'utf8', env: env() }).split('\n').filter(Boolean);
    };
    expect(bash('mcpauth login ').sort()).toEqual([...STORED].sort());
    expect(bash('mcpauth --json status ').sort()).toEqual([...STORED].sort());
    expect(bash('mcpauth call --timeout 5 https').sort()).toEqual(['https://mcp.example.com/mcp']);
    expect(bash('mcpauth setup claude-code ').sort()).toEqual([...STORED].sort());
    expect(bash('mcpauth token inspect --server ').sort()).toEqual([...STORED].sort());
    // bash replaces only its last word ("//mc" after "https" ":"), so that is what comes back.
    expect(bash('mcpauth logout https://mc')).toEqual(['//mcp.example.com/mcp']);
    expect(bash('mcpauth token print http:')).toEqual(['://127.0.0.1:8080/mcp']);
    // Not at a URL position: flags, as before.
    expect(bash('mcpauth login --dev')).toEqual(['--device']);
    expect(bash('mcpauth call https://mcp.example.com/mcp ')).not.toContain(STORED[0]);
  });

  it('fish: at a <url> argument and after --server', (ctx) => {
    requireProgram(ctx, 'fish');
    const script = join(ROOT, 'completions/mcpauth.fish');
    const fish = (line: string): string[] =>
      execFileSync('fish', ['-c', `source '${script}'; complete -C '${line}'`], { encoding: 'utf8', env: env() }).split('\n').filter(Boolean).map((row) => row.split('\t')[0] ?? '');
    expect(fish('mcpauth login ').sort()).toEqual([...STORED].sort());
    expect(fish('mcpauth rotate https://m')).toEqual(['https://mcp.example.com/mcp']);
    expect(fish('mcpauth token inspect --server ').sort()).toEqual([...STORED].sort());
    expect(fish('mcpauth completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});
