import { Writable } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNetworkProgress, PROGRESS_DELAY_MS } from '../../src/platform/network-progress.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { settle } from '../helpers/settle.js';

const GLOBALS = { json: false, color: false, verbose: false, timeoutMs: 1000, input: true, allowHttp: false };
const SHOW_CURSOR = '\u001b[?25h';

function terminal(): Writable & { isTTY: true; columns: number; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return Object.assign(stream, { isTTY: true as const, columns: 100, text: () => text });
}

/** A fetch that answers when `release` is called. */
function gatedFetch(): { fetch: typeof fetch; release(): void } {
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { fetch: async () => gate.then(() => new Response('ok')), release: () => release() };
}

function setup(options: { tty: boolean; env?: Record<string, string> }) {
  const stream = terminal();
  const deps = createTestDeps({ tty: options.tty, env: options.env ?? {} });
  deps.io.stderrStream = stream;
  const progress = createNetworkProgress({ deps, globals: GLOBALS, showProgress: options.tty });
  return { stream, progress };
}

/**
 * Time here is vitest's fake clock: the 300 ms delay and ora's frame interval only pass when the test
 * advances them, so machine load cannot change what is drawn. `settle()` lets the promise chains (the
 * lazy ora import, the request's end) run for a fixed number of event-loop turns, not for a duration.
 */
beforeAll(async () => {
  await import('ora');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('network progress: a spinner while a request is pending, on a terminal only', () => {
  it('appears only once a request has been pending for 300 ms, names the host or the step, and stops cleanly', async () => {
    const { stream, progress } = setup({ tty: true });
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 1);
    await settle();
    expect(stream.text()).toBe('');
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(stream.text()).toContain('Waiting for mcp.example.com');
    progress.label('Probing https://mcp.example.com/mcp');
    await vi.advanceTimersByTimeAsync(200);
    expect(stream.text()).toContain('Probing https://mcp.example.com/mcp');
    gated.release();
    await pending;
    await settle();
    expect(stream.text().endsWith(SHOW_CURSOR)).toBe(true);
    const after = stream.text().length;
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(stream.text().length).toBe(after);
    progress.dispose();
  });

  it('never appears for a request that ends before 300 ms', async () => {
    const { stream, progress } = setup({ tty: true });
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS - 1);
    gated.release();
    await pending;
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(stream.text()).toBe('');
    expect(vi.getTimerCount()).toBe(0);
    progress.dispose();
  });

  it('honours MCPAUTH_PROGRESS_DELAY_MS (the contract test sets 0)', async () => {
    const { stream, progress } = setup({ tty: true, env: { MCPAUTH_PROGRESS_DELAY_MS: '0' } });
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await vi.advanceTimersByTimeAsync(0);
    await settle();
    expect(stream.text()).toContain('Waiting for mcp.example.com');
    gated.release();
    await pending;
    progress.dispose();
  });

  it('draws nothing when progress is off (a pipe, CI)', async () => {
    const { stream, progress } = setup({ tty: false });
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    gated.release();
    await pending;
    expect(stream.text()).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stays hidden while paused (a prompt owns the terminal), and comes back on resume', async () => {
    const { stream, progress } = setup({ tty: true });
    progress.pause();
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await vi.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(stream.text()).toBe('');
    progress.resume();
    await vi.advanceTimersByTimeAsync(PROGRESS_DELAY_MS);
    await settle();
    expect(stream.text()).toContain('Waiting for mcp.example.com');
    gated.release();
    await pending;
    progress.dispose();
  });
});
