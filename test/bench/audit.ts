import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAuditTree } from './audit-tree.js';

/**
 * audit-config against secretlint (recommended preset) over the same generated tree, in the same
 * run. secretlint is installed for the benchmark only, into test/bench/.tree/ (git-ignored), never
 * into package.json. 12.0.0 is the newest secretlint whose engines accept Node 20.
 * Peak memory is each child's max RSS, reported by the child itself via a --require'd probe.
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const CACHE = join(HERE, '.tree');
// Outside the repository, so neither tool sees this repo's .gitignore (which ignores .tree/).
const TREE = join(tmpdir(), 'mcpauth-bench-audit-tree');
const SECRETLINT = join(CACHE, 'secretlint');
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const SECRETLINT_VERSION = '12.0.0';
const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 5);
// secretlint takes minutes on this tree (its known per-file overhead, secretlint#1653): one run.
const SECRETLINT_RUNS = Number(process.env.BENCH_SECRETLINT_RUNS ?? 1);
// A run past this is stopped and reported as a lower bound (">"), so `npm run bench` ends.
const TIMEOUT_MS = Number(process.env.BENCH_AUDIT_TIMEOUT_S ?? 300) * 1000;

export interface AuditBenchRow {
  tool: string;
  /** True when the run was stopped at the timeout: medianMs is then a lower bound. */
  timedOut: boolean;
  medianMs: number;
  peakRssMb: number;
  findings: string;
}

function ensureSecretlint(): string {
  const bin = join(SECRETLINT, 'node_modules/secretlint/bin/secretlint.js');
  if (existsSync(bin)) return bin;
  mkdirSync(SECRETLINT, { recursive: true });
  writeFileSync(join(SECRETLINT, 'package.json'), '{ "private": true }\n');
  const install = spawnSync('npm', ['install', '--prefix', SECRETLINT, '--no-save', '--no-audit', '--no-fund', `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT_VERSION}`], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('could not install secretlint for the benchmark');
  return bin;
}

function probe(): string {
  const path = join(CACHE, 'rss-probe.cjs');
  writeFileSync(path, "process.on('exit', () => require('fs').writeSync(2, '\\nMAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));\n");
  return path;
}

function timeOnce(args: string[], cwd: string): { ms: number; rssKb: number; stdout: string; timedOut: boolean } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NODE_PATH: join(SECRETLINT, 'node_modules') } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const timedOut = result.signal === 'SIGTERM';
  if (!timedOut && result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const rss = /MAXRSS_KB (\d+)/.exec(result.stderr ?? '');
  return { ms, rssKb: Number(rss?.[1] ?? 0), stdout: result.stdout ?? '', timedOut };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function benchAudit(): Promise<AuditBenchRow[]> {
  const { files } = ensureAuditTree(TREE);
  const secretlint = ensureSecretlint();
  const rc = join(CACHE, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const rssProbe = probe();
  const cases: Record<string, string[]> = {
    'mcpauth audit-config': ['--require', rssProbe, BIN, 'audit-config', '.', '--json'],
    [`secretlint ${SECRETLINT_VERSION} (preset-recommend)`]: ['--require', rssProbe, secretlint, '**/*', '--secretlintrc', rc, '--format', 'json'],
  };
  const samples: Record<string, Array<ReturnType<typeof timeOnce>>> = {};
  for (const [name, args] of Object.entries(cases)) {
    const runs = name.startsWith('secretlint') ? SECRETLINT_RUNS : RUNS;
    for (let run = 0; run < runs; run += 1) (samples[name] ??= []).push(timeOnce(args, TREE));
  }
  console.log(`\n## audit-config vs secretlint\n  tree: ${files} files (node_modules 10,000; 300 MCP configs; 100 .env); mcpauth median of ${RUNS} runs, secretlint ${SECRETLINT_RUNS}`);
  const rows = Object.entries(samples).map(([tool, runs]) => ({
    tool,
    timedOut: runs.some((r) => r.timedOut),
    medianMs: Math.round(median(runs.map((r) => r.ms))),
    peakRssMb: Math.round(Math.max(...runs.map((r) => r.rssKb)) / 1024),
    findings: countFindings(tool, runs[0]?.stdout ?? ''),
  }));
  printRows(rows);
  return rows;
}

function printRows(rows: AuditBenchRow[]): void {
  for (const row of rows) {
    const time = `${row.timedOut ? '>' : ' '}${String(row.medianMs).padStart(7)} ms`;
    const rss = row.timedOut ? '   ? MB peak RSS (stopped)' : `${String(row.peakRssMb).padStart(4)} MB peak RSS`;
    console.log(`  ${row.tool.padEnd(44)} ${time}  ${rss}  ${row.timedOut ? '' : row.findings}`);
  }
  const [ours, theirs] = rows;
  if (ours && theirs) console.log(`  speed-up: ${theirs.timedOut ? 'more than ' : ''}${(theirs.medianMs / ours.medianMs).toFixed(0)}x`);
}

function countFindings(tool: string, stdout: string): string {
  try {
    const data = JSON.parse(stdout) as { findings?: unknown[] } | Array<{ messages: unknown[] }>;
    if (Array.isArray(data)) return `${data.reduce((n, file) => n + file.messages.length, 0)} messages`;
    return `${data.findings?.length ?? 0} findings`;
  } catch {
    return tool.startsWith('secretlint') ? 'n/a' : 'unparsable';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAudit();
