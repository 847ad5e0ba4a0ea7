import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { requireProgram } from '../helpers/system-tools.js';
import { createTestDeps } from '../helpers/test-deps.js';

const FILES = { bash: 'completions/mcpauth.bash', zsh: 'completions/_mcpauth', fish: 'completions/mcpauth.fish' } as const;

async function generate(shell: string): Promise<string> {
  const deps = createTestDeps();
  expect(await runCli(['completion', shell], deps)).toBe(0);
  return deps.io.out();
}

describe('shell completions', () => {
  it.each(Object.entries(FILES))('the committed %s script matches the command tree (regenerate: mcpauth completion <shell> > %s)', async (shell, file) => {
    const committed = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(await generate(shell));
  });

  it('every command and its flags are in each script', async () => {
    for (const shell of Object.keys(FILES)) {
      const script = await generate(shell);
      for (const word of ['probe', 'login', 'inspect', 'audit-config', 'fail-on', 'client-metadata-url', 'if-expiring-within']) {
        expect(script, `${shell}: ${word}`).toContain(word);
      }
    }
  });

  it('bash completes subcommands and flags (run in a real bash)', async () => {
    const script = await generate('bash');
    const complete = (line: string): string[] => {
      const words = line.split(' ');
      const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mcpauth; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).trim().split('\n');
    };
    expect(complete('mcpauth pro')).toEqual(['probe', 'proxy']);
    expect(complete('mcpauth token i')).toEqual(['inspect']);
    expect(complete('mcpauth probe --fail-on w')).toEqual(['warning']);
    expect(complete('mcpauth audit-config --sta')).toEqual(['--staged']);
    // Global options after a subcommand, a positional argument's values, environment variable names.
    expect(complete('mcpauth status --verb')).toEqual(['--verbose']);
    expect(complete('mcpauth token inspect --no-i')).toEqual(['--no-input']);
    expect(complete('mcpauth completion ')).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
    expect(complete('mcpauth probe --spec 2026')).toEqual(['2026-07-28']);
    expect(complete('mcpauth login --client-secret-env PAT')).toContain('PATH');
  });

  it('zsh accepts the script (zsh -n)', async (ctx) => {
    requireProgram(ctx, 'zsh');
    const file = new URL('../../completions/_mcpauth', import.meta.url).pathname;
    expect(() => execFileSync('zsh', ['-n', file])).not.toThrow();
  });

  it('fish completes subcommands and flag values (run in a real fish)', async (ctx) => {
    requireProgram(ctx, 'fish');
    const file = new URL('../../completions/mcpauth.fish', import.meta.url).pathname;
    const complete = (line: string): string[] =>
      execFileSync('fish', ['-c', `source ${file}; complete -C '${line}'`], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((row) => row.split('\t')[0] ?? '');
    expect(complete('mcpauth pro')).toEqual(['probe', 'proxy']);
    expect(complete('mcpauth token ')).toEqual(['inspect', 'print']);
    expect(complete('mcpauth probe --fail-on ')).toEqual(['error', 'info', 'warning']);
    expect(complete('mcpauth completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('mcpauth scopes --tim')).toEqual(['--timeout']);
  });
});
