import { createHttpClient } from '../../../src/core/http/client.js';
import { probeServer } from '../../../src/core/probe/probe-server.js';
import type { ProbeReport } from '../../../src/core/probe/report.js';

/** Runs a probe the way the command does, with a fresh policy-checked client. */
export async function runProbe(
  url: string,
  options: { token?: string; compat?: boolean; timeoutMs?: number; fetch?: typeof fetch; wire?: '2025-11-25' | '2026-07-28' } = {},
): Promise<ProbeReport> {
  const http = createHttpClient({
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 5000,
    allowHttp: false,
    userAgent: 'mcpauth-test',
  });
  return probeServer(url, { wire: options.wire ?? '2025-11-25', token: options.token, compat: options.compat ?? false }, {
    fetch: http.fetch,
    now: () => new Date(),
    cache: new Map(),
    signal: AbortSignal.timeout((options.timeoutMs ?? 5000) * 3),
  });
}

export function ids(report: ProbeReport): string[] {
  return report.findings.map((f) => `${f.severity}:${f.id}`);
}
