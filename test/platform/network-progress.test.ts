import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createNetworkProgress } from '../../src/platform/network-progress.js';
import { createTestDeps } from '../helpers/test-deps.js';

const GLOBALS = { json: false, color: false, verbose: false, timeoutMs: 1000, input: true, allowHttp: false };

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

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('network progress: a spinner while a request is pending, on a terminal only', () => {
  it('names the host (or the step), and stops when the request ends', async () => {
    const stream = terminal();
    const deps = createTestDeps({ tty: true, env: { MCPAUTH_PROGRESS_DELAY_MS: '0' } });
    deps.io.stderrStream = stream;
    const progress = createNetworkProgress({ deps, globals: GLOBALS, showProgress: true });
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await tick(50);
    expect(stream.text()).toContain('Waiting for mcp.example.com');
    progress.label('Probing https://mcp.example.com/mcp');
    await tick(150);
    expect(stream.text()).toContain('Probing https://mcp.example.com/mcp');
    gated.release();
    await pending;
    await tick(20);
    const after = stream.text().length;
    await tick(200);
    expect(stream.text().length).toBe(after);
    progress.dispose();
  });

  it('draws nothing when progress is off (a pipe, CI)', async () => {
    const stream = terminal();
    const deps = createTestDeps({ tty: false, env: { MCPAUTH_PROGRESS_DELAY_MS: '0' } });
    deps.io.stderrStream = stream;
    const progress = createNetworkProgress({ deps, globals: GLOBALS, showProgress: false });
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await tick(50);
    gated.release();
    await pending;
    expect(stream.text()).toBe('');
  });

  it('stays hidden while paused (a prompt owns the terminal)', async () => {
    const stream = terminal();
    const deps = createTestDeps({ tty: true, env: { MCPAUTH_PROGRESS_DELAY_MS: '0' } });
    deps.io.stderrStream = stream;
    const progress = createNetworkProgress({ deps, globals: GLOBALS, showProgress: true });
    progress.pause();
    const gated = gatedFetch();
    const pending = progress.track(gated.fetch)('https://mcp.example.com/mcp');
    await tick(50);
    expect(stream.text()).toBe('');
    gated.release();
    await pending;
    progress.dispose();
  });
});
