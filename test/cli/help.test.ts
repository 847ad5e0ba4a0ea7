import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { leafCommands } from '../contract/contract-cases.js';
import { createTestDeps } from '../helpers/test-deps.js';

async function help(argv: string[], columns = 80): Promise<string> {
  const deps = createTestDeps();
  deps.io.columns = columns;
  expect(await runCli([...argv, '--help'], deps)).toBe(0);
  return deps.io.out();
}

describe('--help', () => {
  it.each(leafCommands().map((leaf) => [leaf.path]))('mcpauth %s lists the global options', async (path) => {
    const text = await help(path.split(' '));
    expect(text).toMatch(/Global Options:\n/);
    for (const flag of ['--json', '--verbose', '--timeout <seconds>', '--no-input', '--allow-http']) expect(text, flag).toContain(flag);
  });

  it('re-flows descriptions to the terminal width (no ragged hard breaks)', async () => {
    const wide = await help(['setup'], 160);
    expect(wide).toMatch(/Probes the server, then writes a plain url entry when the client runs OAuth itself and works with this server, else/);
    const narrow = await help(['setup'], 60);
    const description = narrow.split('\n\n')[1] ?? '';
    for (const line of description.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('a terminal reporting 0 columns gets 80', async () => {
    const text = await help(['probe'], 0);
    const longest = Math.max(...text.split('\n\n').slice(0, 2).join('\n').split('\n').map((line) => line.length));
    expect(longest).toBeLessThanOrEqual(80);
    expect(longest).toBeGreaterThan(40);
  });

  it('-v and -V print the version; --verbose has no short form', async () => {
    for (const flag of ['-v', '-V']) {
      const deps = createTestDeps();
      expect(await runCli([flag], deps)).toBe(0);
      expect(deps.io.out()).toMatch(/^\d+\.\d+\.\d+/);
    }
    expect(await help([])).not.toMatch(/-v, --verbose/);
  });
});
