/**
 * Probe latency: the healthy harness with 50 ms added before every response (MCP server and AS
 * `delayMs` knobs), probed as `mcpauth probe` does (independent requests concurrently), next to a
 * strictly sequential replay of exactly the same requests. Wall time is reported in units of latency.
 * Target (issue #3): a full healthy probe within 5 latencies. The probe runs on the commands' transport
 * (node:http, address rule at connect time); the same probe over Node's global fetch is shown beside it.
 */
import { createAddressGuard } from '../../src/core/http/address-guard.js';
import { createHttpClient } from '../../src/core/http/client.js';
import { createNodeFetch } from '../../src/platform/node-fetch.js';
import { resolveHost } from '../../src/platform/resolve-host.js';
import { probeServer } from '../../src/core/probe/probe-server.js';
import { installQuietConsole, startHarness } from '../harness/index.js';

export const PROBE_LATENCY_MS = 50;

export interface ProbeBenchRow {
  name: string;
  medianMs: number;
  latencies: number;
  requests: number;
}

type Recorded = { url: string; init: RequestInit };

/** What a command's HTTP client runs on (commands/runtime.ts): node:http with the address rule at connect time. */
function commandTransport(mcpUrl: string): { transport: typeof fetch; guard: ReturnType<typeof createAddressGuard> } {
  const guard = createAddressGuard({ allowPrivate: false, resolve: resolveHost, checkedAtConnect: true }, [mcpUrl]);
  return { transport: createNodeFetch({ admit: guard.admit }), guard };
}

async function probeOnce(mcpUrl: string, over: 'command' | 'global'): Promise<{ ms: number; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const { transport, guard } = over === 'command' ? commandTransport(mcpUrl) : { transport: fetch, guard: undefined };
  const recording: typeof fetch = (input, init = {}) => {
    requests.push({ url: String(input), init: { method: init.method, headers: init.headers, body: init.body } });
    return transport(input, init);
  };
  const http = createHttpClient({ fetch: recording, timeoutMs: 10_000, allowHttp: false, userAgent: 'mcpauth-bench', ...(guard === undefined ? {} : { addressGuard: guard }) });
  const started = performance.now();
  const report = await probeServer(mcpUrl, { wire: '2025-11-25', compat: false }, { fetch: http.fetch, now: () => new Date(), cache: new Map() });
  const ms = performance.now() - started;
  if (report.findings.some((f) => f.severity !== 'info')) throw new Error('the healthy harness produced findings: the bench is invalid');
  return { ms, requests };
}

async function replaySequentially(requests: Recorded[]): Promise<number> {
  const started = performance.now();
  for (const { url, init } of requests) {
    const response = await fetch(url, { ...init, redirect: 'manual' });
    await response.arrayBuffer();
  }
  return performance.now() - started;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function benchProbe(runs = 7): Promise<ProbeBenchRow[]> {
  installQuietConsole();
  const harness = await startHarness({ as: { delayMs: PROBE_LATENCY_MS }, mcp: { delayMs: PROBE_LATENCY_MS } });
  try {
    await probeOnce(harness.mcpUrl, 'command'); // warm-up: JWKS, module loading, connection pools
    await probeOnce(harness.mcpUrl, 'global');
    const concurrent: number[] = [];
    const overGlobalFetch: number[] = [];
    const sequential: number[] = [];
    let count = 0;
    for (let i = 0; i < runs; i += 1) {
      const { ms, requests } = await probeOnce(harness.mcpUrl, 'command');
      concurrent.push(ms);
      overGlobalFetch.push((await probeOnce(harness.mcpUrl, 'global')).ms);
      sequential.push(await replaySequentially(requests));
      count = requests.length;
    }
    const row = (name: string, values: number[]): ProbeBenchRow => {
      const medianMs = Math.round(median(values));
      return { name, medianMs, latencies: Math.round((medianMs / PROBE_LATENCY_MS) * 10) / 10, requests: count };
    };
    const rows = [row('probe (concurrent)', concurrent), row('  over Node\'s global fetch', overGlobalFetch), row('same requests, sequential', sequential)];
    console.log(`\n## probe latency (healthy harness, ${PROBE_LATENCY_MS} ms added to every response, median of ${runs})`);
    for (const r of rows) {
      console.log(`  ${r.name.padEnd(26)} ${String(r.medianMs).padStart(6)} ms  ${String(r.latencies).padStart(5)} latencies  (${r.requests} requests)`);
    }
    return rows;
  } finally {
    await harness.close();
  }
}
