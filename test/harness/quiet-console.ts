/**
 * oidc-provider prints an "Unsupported runtime" warning on Node 20 at import time and a NOTICE per default
 * policy function it calls (dependency-notes gotcha 1). Tests and the demo must stay quiet, so these lines are
 * dropped; everything else still reaches the console.
 */
const NOISE = /oidc-provider (WARNING|NOTICE):/;

let installed = false;

function isNoise(args: unknown[]): boolean {
  const first = args[0];
  return typeof first === 'string' && NOISE.test(first);
}

/** Idempotent: wraps console.warn and console.info once per process. */
export function installQuietConsole(): void {
  if (installed) return;
  installed = true;
  for (const level of ['warn', 'info'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (!isNoise(args)) original(...args);
    };
  }
}
