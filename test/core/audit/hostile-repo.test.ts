import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { runCli } from '../../../src/cli.js';
import { createCapturedIO } from '../../../src/platform/io.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { auditConfig } from '../../../src/core/audit/audit.js';
import { createNodeAuditFileSystem, type AuditFileSystem } from '../../../src/core/audit/audit-fs.js';
import { FAKE_SECRETS } from './fake-secrets.js';
import { runAuditCli } from './run-audit-cli.js';

/**
 * A repository built to hurt a scanner: device symlinks, a FIFO, a 100 MB one-line file, 5,000
 * levels of nesting, symlink loops, unreadable files, UTF-16, and one real token beside them.
 * Every run must end (the test timeout is the only clock), report the token, and name every skip.
 */
const BIN = fileURLToPath(new URL('../../../bin/mcpauth.js', import.meta.url));
const config = (token: string): string => `${JSON.stringify({ mcpServers: { github: { command: 'node', env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2)}\n`;

interface JsonReport {
  findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string }>;
  skipped: Array<{ file: string; reason: string; detail?: string }>;
  filesScanned: number;
}

function hostileTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpauth-hostile-'));
  const write = (path: string, data: string | Buffer): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), data);
  };
  write('.mcp.json', config(FAKE_SECRETS.GITHUB_PAT ?? ''));
  symlinkSync('/dev/zero', join(dir, '.env'));
  symlinkSync('/dev/urandom', join(dir, 'mcp.json'));
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  write('huge.json', Buffer.alloc(100 * 1024 * 1024, 0x61));
  write('package.json', `{"mcpServers":${'['.repeat(5000)}${']'.repeat(5000)}}`);
  write('deep.yaml', `mcpServers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
  symlinkSync('loop-b.json', join(dir, 'loop-a.json'));
  symlinkSync('loop-a.json', join(dir, 'loop-b.json'));
  symlinkSync('/etc/hostname', join(dir, 'outside.json'));
  symlinkSync('nowhere.json', join(dir, 'broken.json'));
  symlinkSync('.mcp.json', join(dir, 'alias.json'));
  write('sub/real.json', '{}');
  symlinkSync('sub', join(dir, 'linked-dir'));
  const utf16 = `{\n  "mcpServers": { "a": { "env": { "GROQ_API_KEY": "${FAKE_SECRETS.GROQ}" } } }\n}\n`;
  write('.cursor/mcp.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]));
  write('.gemini/settings.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16, 'utf16le').swap16()]));
  write('.roo/mcp.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf16)]));
  write('nul.env', `A=1\n\u0000\nXAI_API_KEY=${FAKE_SECRETS.XAI}\n`);
  return dir;
}

const reasons = (report: JsonReport): string[] => report.skipped.map((s) => `${s.file}: ${s.reason}`);

describe('a hostile repository', () => {
  test('every run ends, the real tokens are reported, every skip is named', async () => {
    const dir = hostileTree();
    const run = await runAuditCli(dir, ['--json', '--no-gitignore']);
    const report = JSON.parse(run.out) as JsonReport;
    expect(reasons(report)).toEqual([
      '.env: symlink-outside-root',
      'broken.json: broken-symlink',
      'huge.json: too-large',
      'linked-dir: symlinked-directory',
      'loop-a.json: symlink-loop',
      'loop-b.json: symlink-loop',
      'mcp.json: symlink-outside-root',
      'outside.json: symlink-outside-root',
      'pipe.json: not-a-regular-file',
    ]);
    const found = report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`);
    expect(found).toEqual(expect.arrayContaining([
      '.mcp.json:6:42 github-pat',
      'alias.json:6:42 github-pat',
      '.cursor/mcp.json:2:52 groq-api-key',
      '.gemini/settings.json:2:52 groq-api-key',
      '.roo/mcp.json:2:52 groq-api-key',
      'nul.env:3:13 xai-api-key',
      'deep.yaml:1:1 file-unparsed',
      'package.json:1:1 file-unparsed',
    ]));
    expect(report.findings.find((f) => f.file === 'package.json')?.message).toContain('nesting deeper than');
    expect(run.code).toBe(1);
  });

  test('with --fail-on-skipped (the CI default) skips fail the gate even without findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpauth-hostile-skip-'));
    execFileSync('mkfifo', [join(dir, '.mcp.json')]);
    const local = await runAuditCli(dir, ['--no-gitignore']);
    expect(local.code).toBe(0);
    expect(local.err).toContain('skipped .mcp.json: not a regular file (a fifo, not a regular file)');
    expect((await runAuditCli(dir, ['--no-gitignore', '--fail-on-skipped'])).code).toBe(1);
  });

  test('CI set: a skip fails the run by default; --no-fail-on-skipped reports only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpauth-hostile-ci-'));
    symlinkSync('/dev/zero', join(dir, '.env'));
    const inCi = async (args: string[]) => {
      const io = createCapturedIO({ stdoutIsTTY: false, stderrIsTTY: false });
      const code = await runCli(['audit-config', '--no-gitignore', ...args], { io, env: { CI: 'true' }, fetch: () => Promise.reject(new Error('offline')), now: () => new Date(), clock: () => 0, signal: new AbortController().signal, cwd: dir, color: { stdout: false, stderr: false } });
      return { code, err: io.err() };
    };
    const failing = await inCi([]);
    expect(failing.code).toBe(1);
    expect(failing.err).toContain('skipped .env: symlink outside root');
    expect(failing.err).toContain('failing (--fail-on-skipped, the default when CI is set)');
    expect((await inCi(['--no-fail-on-skipped'])).code).toBe(0);
  });

  test('SARIF names every skip as a tool execution notification and stays schema-valid', async () => {
    const dir = hostileTree();
    const sarif = JSON.parse((await runAuditCli(dir, ['--sarif', '--no-gitignore'])).out) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> }> };
    const notes = sarif.runs[0]?.invocations[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual(['.env', 'broken.json', 'huge.json', 'linked-dir', 'loop-a.json', 'loop-b.json', 'mcp.json', 'outside.json', 'pipe.json']);
    expect(notes[2]?.message.text).toBe('Not scanned: too-large (104857600 bytes, over the --max-file-size cap of 16777216 bytes).');
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  test('the same tree committed to git: symlinks are not followed out, blobs over the cap are never read', async () => {
    const dir = hostileTree();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('-c', 'core.bigFileThreshold=1m', 'add', '-A', '--', '.', ':!huge.json', ':!pipe.json');
    writeFileSync(join(dir, 'big-staged.json'), `{"mcpServers":{"x":"${'a'.repeat(3 * 1024 * 1024)}"}}`);
    git('add', 'big-staged.json');
    const listed = JSON.parse((await runAuditCli(dir, ['--json'])).out) as JsonReport;
    expect(reasons(listed)).toEqual(expect.arrayContaining(['.env: symlink-outside-root', 'mcp.json: symlink-outside-root', 'loop-a.json: symlink-loop']));
    expect(listed.findings.map((f) => f.ruleId)).toContain('github-pat');
    const staged = JSON.parse((await runAuditCli(dir, ['--json', '--staged', '--max-file-size', '1M'])).out) as JsonReport;
    expect(reasons(staged)).toEqual(['big-staged.json: too-large']);
    expect(staged.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(expect.arrayContaining(['.mcp.json github-pat', 'package.json file-unparsed']));
  });

  test('a symlink loop or a device named on the command line is a clear error or a named skip, not exit 70', async () => {
    const dir = hostileTree();
    const loop = await runAuditCli(dir, ['loop-a.json']);
    expect(loop.code).toBe(2);
    expect(loop.err).toContain('is a symlink loop');
    const device = JSON.parse((await runAuditCli(dir, ['--json', '.env'])).out) as JsonReport;
    expect(reasons(device)).toEqual(['.env: not-a-regular-file']);
  });

  // Tests run as root in CI, where chmod 000 does not stop a read: the failure is injected at the file-system seam instead.
  test('unreadable files and folders are named, the scan goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcpauth-hostile-eacces-'));
    writeFileSync(join(dir, '.mcp.json'), config(FAKE_SECRETS.GITHUB_PAT ?? ''));
    writeFileSync(join(dir, 'locked.json'), '{}');
    mkdirSync(join(dir, 'locked-dir'));
    const real = createNodeAuditFileSystem();
    const denied = (path: string): never => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES', path });
    };
    const fs: AuditFileSystem = {
      ...real,
      readBounded: (path, max) => (path.endsWith('locked.json') ? denied(path) : real.readBounded(path, max)),
      readDir: (path) => (path.endsWith('locked-dir') ? denied(path) : real.readDir(path)),
    };
    const report = await auditConfig({ paths: ['.'], cwd: dir, source: 'worktree', gitignore: false, suppressed: new Set(), now: new Date('2026-06-01T00:00:00Z') }, fs);
    expect(report.skipped).toEqual([
      { file: 'locked-dir', reason: 'unreadable-directory', detail: 'EACCES' },
      { file: 'locked.json', reason: 'unreadable', detail: 'EACCES' },
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['github-pat']);
  });

  test('memory stays flat: the built CLI over the hostile tree peaks far below what reading a device would take', () => {
    const dir = hostileTree();
    const probe = join(dir, '..', `rss-probe-${process.pid}.cjs`);
    writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, '\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));\n");
    const result = spawnSync(process.execPath, ['--require', probe, BIN, 'audit-config', '--json', '--no-gitignore'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    const rssMb = Number(/MAXRSS_KB (\d+)/.exec(result.stderr)?.[1]) / 1024;
    expect(rssMb).toBeGreaterThan(0);
    expect(rssMb).toBeLessThan(300);
  });
});
