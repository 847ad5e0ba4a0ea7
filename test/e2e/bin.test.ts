import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built CLI, as a user runs it: `npm test` builds dist/ first. */
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function mcpauth(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the built bin/mcpauth.js', () => {
  it('is built', () => {
    expect(existsSync(fileURLToPath(new URL('../../dist/main.js', import.meta.url))), 'run `npm run build` first').toBe(true);
  });

  it('--version prints the package version on stdout', () => {
    for (const flag of ['--version', '-V']) {
      expect(mcpauth([flag])).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    }
  });

  it('--help prints usage on stdout and nothing on stderr', () => {
    const result = mcpauth(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: mcpauth \[options\] \[command\]/);
    expect(result.stdout).toMatch(/Exit codes:/);
    expect(result.stderr).toBe('');
  });

  it('an unknown command exits 2 with one line and a hint on stderr, nothing on stdout', () => {
    const result = mcpauth(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mcpauth: unknown command 'frobnicate'/);
    expect(result.stderr).toMatch(/hint: run 'mcpauth --help' for usage\.\n$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps data and diagnostics apart: JSON on stdout, messages on stderr, no colour when piped', () => {
    const result = mcpauth(['completion', 'bash']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# bash completion for mcpauth/);
    expect(result.stderr).toBe('');
    const piped = mcpauth(['--json', 'audit-config', '--definitely-not-a-flag']);
    expect(piped.code).toBe(2);
    expect(JSON.parse(piped.stdout)).toEqual({
      error: { code: 'usage', exitCode: 2, message: "unknown option '--definitely-not-a-flag'", hint: "run 'mcpauth audit-config --help' for usage." },
    });
    expect(piped.stderr).toMatch(/^mcpauth: unknown option '--definitely-not-a-flag'\n/);
    expect(piped.stderr).not.toMatch(/\u001b\[/);
  });
});
