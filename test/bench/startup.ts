import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Start-up cost: `mcpauth --help`, `--version` and a usage error against bare `node -e 0`, interleaved
 * in the same run so machine noise hits all alike; the median of 30 runs each. Target (issue 13): at
 * most 1.2x bare node.
 */
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

interface StartupCase {
  args: string[];
  status: number;
}

function timeOnce({ args, status }: StartupCase): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  if (result.status !== status) throw new Error(`node ${args.join(' ')} exited ${result.status}, not ${status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function benchStartup(): Array<{ name: string; medianMs: number; ratio: number }> {
  const cases: Record<string, StartupCase> = {
    'node -e 0': { args: ['-e', '0'], status: 0 },
    'mcpauth --help': { args: [BIN, '--help'], status: 0 },
    'mcpauth --version': { args: [BIN, '--version'], status: 0 },
    'mcpauth --bogus (usage error)': { args: [BIN, '--bogus'], status: 2 },
  };
  const samples: Record<string, number[]> = {};
  for (const startupCase of Object.values(cases)) timeOnce(startupCase);
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, startupCase] of Object.entries(cases)) (samples[name] ??= []).push(timeOnce(startupCase));
  }
  const baseline = median(samples['node -e 0'] ?? []);
  return Object.keys(cases).map((name) => {
    const medianMs = median(samples[name] ?? []);
    return { name, medianMs: Math.round(medianMs * 10) / 10, ratio: Math.round((medianMs / baseline) * 100) / 100 };
  });
}

// `npx tsx test/bench/startup.ts` runs this benchmark alone (`npm run bench` runs them all).
if (process.argv[1] === fileURLToPath(import.meta.url)) console.table(benchStartup());
