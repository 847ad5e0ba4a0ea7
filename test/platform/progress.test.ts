import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { usableColumns } from '../../src/platform/io.js';
import { boundedTerminal, oneLine, startProgress } from '../../src/platform/progress.js';
import { createTestDeps } from '../helpers/test-deps.js';

/** A terminal-like stream that records what it is sent. */
function fakeTerminal(columns: number | undefined): Writable & { isTTY: true; columns: number | undefined; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return Object.assign(stream, { isTTY: true as const, columns, text: () => text });
}

describe('terminal width', () => {
  it.each([[0, 80], [undefined, 80], [Number.NaN, 80], [-3, 80], [0.5, 80], [100, 100], [132.7, 132]])('%s columns -> %s', (reported, used) => {
    expect(usableColumns(reported)).toBe(used);
    expect(boundedTerminal(fakeTerminal(reported)).columns).toBe(used);
  });

  it('spinner text is one line that fits', () => {
    expect(oneLine('a\n  b', 80)).toBe('a b');
    const cut = oneLine('x'.repeat(200), 40);
    expect(cut).toHaveLength(37);
    expect(cut.endsWith('…')).toBe(true);
  });
});

describe('the spinner on a terminal that reports 0 columns', () => {
  it('draws, updates and stops with a bounded amount of output and no cursor-up', async () => {
    const terminal = fakeTerminal(0);
    const deps = createTestDeps({ tty: true });
    deps.io.stderrStream = terminal;
    const runtime = { deps, showProgress: true, globals: { json: false, color: false, verbose: false, timeoutMs: 1000, input: true, allowHttp: false } };
    const progress = await startProgress(runtime, `Probing ${'https://mcp.example.com/'.repeat(20)}`);
    progress.update('Still probing');
    progress.stop();
    progress.stop();
    expect(terminal.text().length).toBeGreaterThan(0);
    expect(terminal.text().length).toBeLessThan(4096);
    expect(terminal.text()).not.toContain('\u001b[1A');
    expect(terminal.text()).toContain('Probing https://mcp.example.com/');
  });

  it('stops by itself when the command is cancelled (SIGINT/SIGTERM abort the deps signal)', async () => {
    const terminal = fakeTerminal(0);
    const controller = new AbortController();
    const deps = createTestDeps({ tty: true, signal: controller.signal });
    deps.io.stderrStream = terminal;
    const runtime = { deps, showProgress: true, globals: { json: false, color: false, verbose: false, timeoutMs: 1000, input: true, allowHttp: false } };
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      await startProgress(runtime, 'Waiting');
      const first = terminal.text().length;
      // The spinner draws frames while time passes (fake time: load cannot change the count)...
      await vi.advanceTimersByTimeAsync(1000);
      expect(terminal.text().length).toBeGreaterThan(first);
      controller.abort();
      const after = terminal.text().length;
      // ...and none once the command is cancelled, however long it is left.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(terminal.text().length).toBe(after);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is silent when stderr is not a terminal', async () => {
    const terminal = fakeTerminal(80);
    const deps = createTestDeps({ tty: false });
    deps.io.stderrStream = terminal;
    const progress = await startProgress({ deps, showProgress: false, globals: { json: false, color: false, verbose: false, timeoutMs: 1000, input: true, allowHttp: false } }, 'x');
    progress.stop();
    expect(terminal.text()).toBe('');
  });
});
