import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built CLI (npm test builds dist/ first), with a preload that makes one command hit a bug. */
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const BREAK = fileURLToPath(new URL('./fixtures/break-completion-output.mjs', import.meta.url));

function runBroken(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', BREAK, BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('an internal error in the built CLI', () => {
  it('says it is a bug, where to report it and what to attach; no stack trace without --verbose', async () => {
    const result = await runBroken(['completion', 'fish']);
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(/^mcpauth: internal error: injected failure\n {2}hint: This is a bug in mcpauth \d+\.\d+\.\d+/);
    expect(result.stderr).toContain('please report it to the mcpauth maintainers');
    expect(result.stderr).toContain('Attach the command line with any token removed');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('--verbose prints the trace with positions in src/, read from the shipped source maps', async () => {
    const result = await runBroken(['completion', 'fish', '--verbose']);
    expect(result.code).toBe(70);
    const frames = result.stderr.split('\n').filter((line) => /^\s+at /.test(line));
    expect(frames.some((frame) => /\(src\/commands\/completion\.ts:\d+:\d+\)$/.test(frame))).toBe(true);
    // No frame is left pointing into the minified bundle.
    expect(frames.filter((frame) => frame.includes('/dist/'))).toEqual([]);
  });
});
