/**
 * `npm run bench`: every benchmark of the project, in one run. Each module prints its own table;
 * the figures are copied into docs/benchmarks.md (start-up also into the README).
 */
import { benchAudit } from './audit.js';
import { benchProbe } from './probe.js';
import { benchProxy } from './proxy.js';
import { benchStartup } from './startup.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

console.log(`\n## start-up (median of ${RUNS} runs each, interleaved; target at most 1.2x)`);
for (const row of benchStartup()) {
  console.log(`  ${row.name.padEnd(32)} ${String(row.medianMs).padStart(7)} ms  ${row.ratio}x node -e 0`);
}

await benchProbe();
await benchProxy();
await benchAudit();
