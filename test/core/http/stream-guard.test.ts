import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createStreamGuard } from '../../../src/core/http/stream-body.js';

describe('createStreamGuard', () => {
  it('leaves no listener on a long-lived signal once stopped (a proxy makes one guard per request)', () => {
    const process = new AbortController();
    for (let i = 0; i < 50; i += 1) createStreamGuard(60_000, [process.signal, undefined]).stop();
    expect(getEventListeners(process.signal, 'abort')).toHaveLength(0);
  });

  it('follows a source signal with its reason, and then lets go of it', () => {
    const process = new AbortController();
    const guard = createStreamGuard(60_000, [process.signal]);
    process.abort(new Error('ctrl-c'));
    expect(guard.signal.aborted).toBe(true);
    expect((guard.signal.reason as Error).message).toBe('ctrl-c');
    expect(guard.idleFired).toBe(false);
    expect(getEventListeners(process.signal, 'abort')).toHaveLength(0);
  });

  it('is aborted at once when a source already was', () => {
    const guard = createStreamGuard(60_000, [AbortSignal.abort(new Error('gone'))]);
    expect(guard.signal.aborted).toBe(true);
    expect((guard.signal.reason as Error).message).toBe('gone');
  });

  it('fires after the idle time and unsubscribes', async () => {
    const process = new AbortController();
    const guard = createStreamGuard(5, [process.signal]);
    await new Promise((resolve) => guard.signal.addEventListener('abort', resolve, { once: true }));
    expect(guard.idleFired).toBe(true);
    expect(process.signal.aborted).toBe(false);
    expect(getEventListeners(process.signal, 'abort')).toHaveLength(0);
  });
});
