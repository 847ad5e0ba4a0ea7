import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { startHarness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';

/**
 * `mcpauth proxy` against mcp-remote on the same server (the oidc-provider harness with sessions and SSE
 * answers, as the SDK example runs) in the same run: start to the first tools/list answer, added
 * latency over a direct SDK client for sequential tools/call, and the proxy process's peak RSS (VmHWM).
 * mcp-remote is installed for the benchmark only, into test/bench/.tree/ (git-ignored), never into
 * package.json; it gets the same access token through its documented `--header 'Authorization: Bearer
 * ${TOKEN}'` form, so neither proxy runs an OAuth flow during the measurement.
 */
const HERE = fileURLToPath(new URL('.', import.meta.url));
const MCP_REMOTE_DIR = join(HERE, '.tree', 'mcp-remote');
const MCP_REMOTE_VERSION = '0.15.1';
const BIN = fileURLToPath(new URL('../../bin/mcpauth.js', import.meta.url));
const STARTS = Number(process.env.BENCH_PROXY_STARTS ?? 10);
const CALLS = Number(process.env.BENCH_PROXY_CALLS ?? 200);

function ensureMcpRemote(): string {
  const bin = join(MCP_REMOTE_DIR, 'node_modules/mcp-remote/dist/proxy.js');
  if (existsSync(bin)) return bin;
  mkdirSync(MCP_REMOTE_DIR, { recursive: true });
  writeFileSync(join(MCP_REMOTE_DIR, 'package.json'), '{ "private": true }\n');
  const install = spawnSync('npm', ['install', '--prefix', MCP_REMOTE_DIR, '--no-save', '--no-audit', '--no-fund', `mcp-remote@${MCP_REMOTE_VERSION}`], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error('could not install mcp-remote for the benchmark');
  return bin;
}

interface Target {
  name: string;
  args: string[];
  env: Record<string, string>;
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

function baseEnv(): Record<string, string> {
  return Object.fromEntries(['PATH', 'HOME'].flatMap((key) => (process.env[key] ? [[key, process.env[key] as string]] : [])));
}

async function startClient(target: Target): Promise<{ client: Client; transport: StdioClientTransport; ms: number }> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args: target.args, env: { ...baseEnv(), ...target.env }, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  await client.listTools();
  return { client, transport, ms: performance.now() - started };
}

/** Peak resident set of the proxy process (Linux /proc VmHWM), in MB. */
function peakRssMb(pid: number | null): number {
  if (pid === null) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** One round = one tools/call on each client in turn, so machine noise hits all of them alike. */
async function interleavedLatencies(clients: Client[], rounds: number): Promise<number[][]> {
  const times = clients.map(() => [] as number[]);
  for (let i = 0; i < rounds; i += 1) {
    for (const [index, client] of clients.entries()) {
      const started = performance.now();
      await client.callTool({ name: 'echo', arguments: { text: `call ${i}` } });
      times[index]?.push(performance.now() - started);
    }
  }
  return times;
}

export async function benchProxy(): Promise<void> {
  const mcpRemote = ensureMcpRemote();
  const harness = await startHarness({ mcp: { sessions: true, responses: 'sse' } });
  try {
    const home = mkdtempSync(join(tmpdir(), 'mcpauth-bench-proxy-'));
    const env = { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' };
    const input = await obtainCredentialInput(harness);
    await (await openCredentialStore({ env, now: () => new Date() })).save(input);
    const token = input.secrets.accessToken;
    const targets: Target[] = [
      { name: 'mcpauth proxy', args: [BIN, 'proxy', harness.mcpUrl], env },
      { name: `mcp-remote ${MCP_REMOTE_VERSION}`, args: [mcpRemote, harness.mcpUrl, '--header', 'Authorization: Bearer ${TOKEN}', '--transport', 'http-only'], env: { TOKEN: token, MCP_REMOTE_CONFIG_DIR: join(home, 'mcp-remote') } },
    ];
    const starts = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    for (let run = 0; run < STARTS; run += 1) {
      for (const target of targets) {
        const started = await startClient(target);
        starts.get(target.name)?.push(started.ms);
        await started.client.close();
      }
    }
    const direct = new Client({ name: 'bench-direct', version: '1' });
    await direct.connect(new StreamableHTTPClientTransport(new URL(harness.mcpUrl), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    const proxied = await Promise.all(targets.map((target) => startClient(target)));
    const clients = [direct, ...proxied.map((p) => p.client)];
    await interleavedLatencies(clients, 20);
    const [directTimes = [], ...proxyTimes] = await interleavedLatencies(clients, CALLS);
    console.log(`\n## proxy vs mcp-remote (harness with sessions + SSE answers; start: median of ${STARTS}; ${CALLS} tools/call rounds, interleaved)`);
    console.log(`  direct SDK client: tools/call median ${quantile(directTimes, 0.5).toFixed(2)} ms, p95 ${quantile(directTimes, 0.95).toFixed(2)} ms`);
    console.log(`  ${'proxy'.padEnd(20)} ${'start->tools/list'.padStart(18)} ${'+median'.padStart(9)} ${'+p95'.padStart(9)} ${'peak RSS'.padStart(9)}`);
    for (const [index, target] of targets.entries()) {
      const times = proxyTimes[index] ?? [];
      const rss = peakRssMb(proxied[index]?.transport.pid ?? null);
      const start = quantile(starts.get(target.name) ?? [], 0.5);
      const addedMedian = quantile(times, 0.5) - quantile(directTimes, 0.5);
      const addedP95 = quantile(times, 0.95) - quantile(directTimes, 0.95);
      console.log(`  ${target.name.padEnd(20)} ${`${start.toFixed(0)} ms`.padStart(18)} ${`${addedMedian.toFixed(2)} ms`.padStart(9)} ${`${addedP95.toFixed(2)} ms`.padStart(9)} ${`${rss.toFixed(1)} MB`.padStart(9)}`);
    }
    await Promise.all(clients.map((client) => client.close()));
  } finally {
    await harness.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchProxy();
