import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createTestDeps } from '../helpers/test-deps.js';

/** The built stage one alone (npm test builds dist/ first): bin/ and dist/start.js, without stage two. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const alone = mkdtempSync(join(tmpdir(), 'mcpauth-stage-one-'));
mkdirSync(join(alone, 'bin'));
mkdirSync(join(alone, 'dist'));
copyFileSync(join(ROOT, 'bin', 'mcpauth.js'), join(alone, 'bin', 'mcpauth.js'));
copyFileSync(join(ROOT, 'dist', 'start.js'), join(alone, 'dist', 'start.js'));
copyFileSync(join(ROOT, 'package.json'), join(alone, 'package.json'));
afterAll(() => rmSync(alone, { recursive: true, force: true }));

function runAlone(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(alone, 'bin', 'mcpauth.js'), ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('stage one (dist/start.js) answers without loading stage two', () => {
  it.each([['--version'], ['--help'], ['-h'], ['--bogus'], ['prob']])('%s: the full CLI\'s answer, with dist/main.js absent', async (arg) => {
    const deps = createTestDeps();
    const code = await runCli([arg], deps);
    expect(await runAlone([arg])).toEqual({ code, stdout: deps.io.out(), stderr: deps.io.err() });
  });

  it('anything else needs stage two (here missing, so it fails to load)', async () => {
    const result = await runAlone(['status']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/);
  });
});
