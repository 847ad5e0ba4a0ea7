import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { notAvailable } from '../../src/commands/command-context.js';
import { createRuntime } from '../../src/commands/runtime.js';
import { colorAllowed } from '../../src/platform/color.js';
import { createTestDeps } from '../helpers/test-deps.js';

const ANSI = /\u001b\[/;

describe('colour is decided once, from env and TTY', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    [{ TERM: 'dumb' }, true, false],
  ])('env %j, tty %s -> %s', (env, tty, expected) => {
    expect(colorAllowed(env, tty)).toBe(expected);
  });

  it('a terminal gets colour; a pipe, --no-color, --json and NO_COLOR do not', async () => {
    const style = async (tty: boolean, env: Record<string, string>, json = false, color = true) => {
      const runtime = await createRuntime(createTestDeps({ tty, env }), {
        json, color, verbose: false, timeoutMs: 1000, input: true, allowHttp: false,
      });
      return runtime.style.red('x');
    };
    expect(await style(true, {})).toMatch(ANSI);
    expect(await style(false, {})).toBe('x');
    expect(await style(true, {}, false, false)).toBe('x');
    expect(await style(true, {}, true)).toBe('x');
    expect(await style(true, { NO_COLOR: '1' })).toBe('x');
  });

  it('prompts only on a terminal, without --no-input and outside CI', async () => {
    const canPrompt = async (tty: boolean, env: Record<string, string>, input = true) =>
      (await createRuntime(createTestDeps({ tty, env }), { json: false, color: true, verbose: false, timeoutMs: 1000, input, allowHttp: false })).canPrompt;
    expect(await canPrompt(true, {})).toBe(true);
    expect(await canPrompt(false, {})).toBe(false);
    expect(await canPrompt(true, {}, false)).toBe(false);
    expect(await canPrompt(true, { CI: 'true' })).toBe(false);
    expect(await canPrompt(true, { CI: 'false' })).toBe(true);
  });
});

// Stands in for a command whose issue is not done yet.
const unavailable = async (): Promise<number> => {
  throw notAvailable('rotate');
};

describe('streams', () => {
  it('errors go to stderr; stdout stays empty without --json', async () => {
    const deps = createTestDeps();
    const code = await runCli(['rotate'], deps, { rotate: unavailable });
    expect(code).toBe(69);
    expect(deps.io.out()).toBe('');
    expect(deps.io.err()).toMatch(/^mcpauth: 'mcpauth rotate' is not available in this version yet\.\n {2}hint: /);
  });

  it('--json errors add a machine-readable envelope on stdout, with no ANSI even when colour is forced', async () => {
    const deps = createTestDeps({ tty: true, env: { FORCE_COLOR: '3' } });
    const code = await runCli(['--json', 'rotate'], deps, { rotate: unavailable });
    expect(code).toBe(69);
    expect(deps.io.out()).not.toMatch(ANSI);
    expect(JSON.parse(deps.io.out())).toEqual({
      error: {
        code: 'not-available',
        exitCode: 69,
        message: "'mcpauth rotate' is not available in this version yet.",
        hint: "Run 'mcpauth --help' to see what this version can do.",
      },
    });
  });

  it('--help goes to stdout with every command and the exit-code table', async () => {
    const deps = createTestDeps();
    expect(await runCli(['--help'], deps)).toBe(0);
    const help = deps.io.out();
    for (const command of ['probe', 'login', 'logout', 'status', 'call', 'token', 'scopes', 'rotate', 'audit-config', 'completion']) {
      expect(help).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(help).toMatch(/Exit codes:\n {2}0 {4}success/);
    expect(help).toMatch(/^ {2}130 {2}cancelled/m);
    expect(deps.io.err()).toBe('');
  });

  it('every command has an example in its --help', async () => {
    for (const argv of [['probe'], ['login'], ['logout'], ['status'], ['call'], ['token', 'inspect'], ['token', 'print'], ['scopes'], ['rotate'], ['audit-config'], ['completion']]) {
      const deps = createTestDeps();
      expect(await runCli([...argv, '--help'], deps)).toBe(0);
      expect(deps.io.out(), argv.join(' ')).toMatch(/Examples:\n {2}\$ /);
    }
  });

  it('no command prints help to stderr and exits 2', async () => {
    const deps = createTestDeps();
    expect(await runCli([], deps)).toBe(2);
    expect(deps.io.err()).toMatch(/^Usage: mcpauth/);
    expect(deps.io.out()).toBe('');
  });

  it('an unexpected error is exit 70 with no stack trace unless --verbose', async () => {
    const boom = async () => {
      throw new TypeError('cannot read x of undefined');
    };
    const quiet = createTestDeps();
    expect(await runCli(['status'], quiet, { status: boom })).toBe(70);
    expect(quiet.io.err()).toMatch(/^mcpauth: internal error: cannot read x of undefined\n {2}hint: This is a bug/);
    expect(quiet.io.err()).not.toMatch(/\n\s+at /);
    const verbose = createTestDeps();
    expect(await runCli(['status', '--verbose'], verbose, { status: boom })).toBe(70);
    expect(verbose.io.err()).toMatch(/\n\s+at /);
  });
});
