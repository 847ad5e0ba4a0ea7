import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Start-up cost: `mcpauth --help` and `mcpauth --version` against bare `node -e 0`, interleaved in
 * the same run so machine noise hits all three alike. Target (issue 2): at most 1.3x bare node.
 */
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

function timeOnce(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function benchStartup(): Array<{ name: string; medianMs: number; ratio: number }> {
  const cases = { 'node -e 0': ['-e', '0'], 'mcpauth --help': [BIN, '--help'], 'mcpauth --version': [BIN, '--version'] };
  const samples: Record<string, number[]> = {};
  for (const args of Object.values(cases)) timeOnce(args);
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, args] of Object.entries(cases)) (samples[name] ??= []).push(timeOnce(args));
  }
  const baseline = median(samples['node -e 0'] ?? []);
  return Object.keys(cases).map((name) => {
    const medianMs = median(samples[name] ?? []);
    return { name, medianMs: Math.round(medianMs * 10) / 10, ratio: Math.round((medianMs / baseline) * 100) / 100 };
  });
}
