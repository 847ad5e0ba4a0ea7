import { describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../../src/cli.js';
import type { Deps } from '../../src/commands/deps.js';
import { EXIT_CODES } from '../../src/errors.js';
import { describeStartup } from '../../src/startup/describe-startup.js';
import { answerWithoutTree, renderRootHelp } from '../../src/startup/startup-answers.js';
import { createTestDeps } from '../helpers/test-deps.js';

const manifest = describeStartup();

/** What commander itself prints for `mcpauth --help` at a terminal `width` columns wide. */
function commanderHelp(width: number): string {
  let text = '';
  const write = (chunk: string): boolean => ((text += chunk), true);
  const program = buildProgram({ deps: { io: { stdout: { write }, stderr: { write } } } as unknown as Deps, exitCode: EXIT_CODES.ok });
  program.configureOutput({ getOutHelpWidth: () => width, getOutHasColors: () => false });
  program.outputHelp();
  return text;
}

describe('the first stage answers exactly as the full CLI would', () => {
  it.each([80, 30, 40, 52, 64, 100, 120, 200])('root help at %i columns is commander\'s, byte for byte', (width) => {
    expect(renderRootHelp(manifest, width)).toBe(commanderHelp(width));
  });

  it('the manifest lists every registered command (new ones appear without touching the first stage)', () => {
    expect(manifest.commands).toEqual(expect.arrayContaining(['probe', 'login', 'token', 'audit-config', 'completion', 'help']));
    expect(manifest.flags).toEqual(expect.arrayContaining(['--json', '--verbose', '--no-color', '--timeout', '-h', '--help', '--version']));
    expect(manifest.versionFlags).toContain('--version');
  });

  it.each([['--version'], ['-v'], ['-V'], ['--help'], ['-h']])('%s: same output and exit code as the full CLI', async (flag) => {
    const deps = createTestDeps();
    const code = await runCli([flag], deps);
    expect(answerWithoutTree([flag], manifest, 80)).toEqual({ stdout: deps.io.out(), stderr: deps.io.err(), exitCode: code });
  });

  it.each(['--bogus', '--jsn', '--verbos', '--timeot', '--allow-htp', '--no-colour', '--colour', '-x', '-Z', 'frobnicate', 'prob', 'statsu', 'tokn', 'hlep', 'rotat', 'a'])(
    'usage error %s: same message, hint, suggestion and exit code as commander',
    async (token) => {
      const deps = createTestDeps();
      const code = await runCli([token], deps);
      expect(code).toBe(EXIT_CODES.usage);
      expect(answerWithoutTree([token], manifest, 80)).toEqual({ stdout: deps.io.out(), stderr: deps.io.err(), exitCode: code });
    },
  );

  it.each([['--json'], ['--verbose'], ['--no-input'], ['--timeout'], ['probe'], ['help'], ['-vV'], ['--timeout=5'], ['probe', '--help'], ['--json', '--bogus'], []])(
    'leaves %j to the full CLI',
    (...argv) => {
      expect(answerWithoutTree(argv, manifest, 80)).toBeUndefined();
    },
  );
});
