import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFor, CONTRACTS, expectationFor, leafCommands, SCENARIOS, type LeafCommand, type Scenario } from './contract-cases.js';
import type { SaveCredentialInput } from '../../src/core/store/credential.js';
import { homeWith, startContractServers, startHangServer, type ContractServers } from './contract-fixture.js';
import { LIVENESS_MS, spawnCli, type CliRun, type Terminal } from './spawn-cli.js';

/**
 * The CLI contract (docs/cli-contract.md), checked for every command in commander's tree × every
 * outcome × every way it is run. Commands are found by walking the tree, so a new one is covered
 * without being listed here.
 */
const MODES = {
  piped: { terminal: { kind: 'pipe' }, json: false, noColor: false },
  json: { terminal: { kind: 'pipe' }, json: true, noColor: false },
  'pty 0 columns': { terminal: { kind: 'pty', columns: 0 }, json: false, noColor: false },
  'pty 100 columns': { terminal: { kind: 'pty', columns: 100 }, json: false, noColor: false },
  'pty NO_COLOR': { terminal: { kind: 'pty', columns: 100 }, json: false, noColor: true },
} as const satisfies Record<string, { terminal: Terminal; json: boolean; noColor: boolean }>;
type Mode = keyof typeof MODES;

const ANSI = /\u001b/;
const SGR = /\u001b\[[0-9;]*m/;
const CURSOR_UP = /\u001b\[\d*A/;
const SPINNER_FRAME = /[\u2800-\u28ff]/;

let servers: ContractServers;
beforeAll(async () => {
  servers = await startContractServers();
}, 60_000);
afterAll(async () => servers?.close());

interface Prepared {
  args: string[];
  env: Record<string, string>;
  stdin?: string;
  hang?: Awaited<ReturnType<typeof startHangServer>>;
}

async function prepare(leaf: LeafCommand, scenario: Scenario, mode: Mode): Promise<Prepared> {
  const contract = contractFor(leaf);
  const loggedIn = contract.store === 'logged-in';
  let url = servers.healthy.mcpUrl;
  let stored: SaveCredentialInput[] = [];
  let hang: Prepared['hang'];
  if (scenario === 'success' && loggedIn) stored = [await servers.freshCredential()];
  if (scenario === 'usage' && loggedIn) stored = [servers.credentialFor(url)];
  if (scenario === 'unreachable') [url, stored] = [servers.unreachableUrl, loggedIn ? [servers.credentialFor(servers.unreachableUrl)] : []];
  if (scenario === 'server-error') [url, stored] = [servers.failingUrl, loggedIn ? [servers.credentialFor(servers.failingUrl)] : []];
  if (scenario === 'signal') {
    hang = await startHangServer();
    [url, stored] = [hang.url, loggedIn ? [servers.credentialFor(hang.url)] : []];
  }
  const home = await homeWith(stored);
  const fill = (arg: string): string => {
    if (arg === '{url}') return url;
    if (arg === '{emptyDir}') return mkdtempSync(join(tmpdir(), 'mcpauth-contract-dir-'));
    if (/^\{\w+\}$/.test(arg)) throw new Error(`mcpauth ${leaf.path}: no value for its argument ${arg}; declare its args in test/contract/contract-cases.ts`);
    return arg;
  };
  const args = [...leaf.path.split(' '), ...contract.args.map(fill)];
  if (scenario === 'usage') args.push('--definitely-not-a-flag');
  if (MODES[mode].json) args.unshift('--json');
  const env: Record<string, string> = { MCPAUTH_HOME: home, HOME: home, MCPAUTH_NO_KEYCHAIN: '1', MCPAUTH_PROGRESS_DELAY_MS: '0' };
  if (MODES[mode].noColor) env.NO_COLOR = '1';
  return { args, env, hang };
}

function expectExit(run: CliRun, exit: number | number[], what: string): void {
  const allowed = Array.isArray(exit) ? exit : [exit];
  expect(allowed, `${what}: exit ${run.code}\n--- stdout\n${run.stdout.slice(0, 2000)}\n--- stderr\n${run.stderr.slice(0, 2000)}`).toContain(run.code);
}

function checkSplit(run: CliRun, leaf: LeafCommand, scenario: Scenario, mode: Mode): void {
  const expectation = expectationFor(leaf, scenario);
  const failed = run.code !== 0 && run.code !== 1 && !expectation.report;
  expect(run.stdout + run.stderr, 'no colour or cursor codes in a pipe').not.toMatch(ANSI);
  if (MODES[mode].json) {
    expect(run.stdout.trim().length, 'one JSON document on stdout').toBeGreaterThan(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    if (failed) {
      expect(document).toEqual({ error: { code: expect.any(String), exitCode: run.code, message: expect.any(String), hint: expect.toBeOneOf([null, expect.any(String)]) } });
    } else {
      expect(typeof document, 'the report is a JSON object or array').toBe('object');
      expect(Object.keys(document)).not.toEqual(['error']);
    }
  } else if (failed) {
    expect(run.stdout, 'a failure prints nothing on stdout').toBe('');
  }
  if (failed) {
    expect(run.stderr, 'the error goes to stderr as one line').toMatch(/^mcpauth: \S.*$/m);
    if (run.code !== 130) expect(run.stderr, 'with the next step').toMatch(/^ {2}hint: \S/m);
  } else {
    expect(run.stderr, 'no error line on success').not.toMatch(/^mcpauth: /m);
  }
}

function checkTerminal(run: CliRun, leaf: LeafCommand, scenario: Scenario, mode: Mode): void {
  expect(run.stdout, 'a spinner erases one line at a time, never moves the cursor up').not.toMatch(CURSOR_UP);
  if (MODES[mode].noColor) expect(run.stdout, 'NO_COLOR: no colour codes').not.toMatch(SGR);
  if (scenario === 'signal') expect(run.stdout, 'progress is shown while the network step waits').toMatch(SPINNER_FRAME);
  // Nothing after the final message: no spinner frame or text once the result or error is out
  // (control sequences that print nothing, such as showing the cursor again, may follow).
  const text = run.stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]|\r/g, '');
  if (text.length > 0) expect(text.slice(text.lastIndexOf('\n') + 1), `nothing after the last line: ${JSON.stringify(text.slice(-120))}`).toBe('');
  void leaf;
}

function checkSecrets(run: CliRun, leaf: LeafCommand, scenario: Scenario): void {
  const allowedOnStdout = contractFor(leaf).printsSecret === true && scenario === 'success';
  for (const secret of servers.secrets) {
    expect(run.stderr.includes(secret), 'no secret on stderr').toBe(false);
    if (!allowedOnStdout) expect(run.stdout.includes(secret), 'no secret on stdout').toBe(false);
  }
  expect(run.stdout + run.stderr, 'never "a bug in mcpauth" for a user or server outcome').not.toMatch(/this is a bug|internal error|\[object Object\]/);
}

async function runCase(leaf: LeafCommand, scenario: Scenario, mode: Mode): Promise<void> {
  const expectation = expectationFor(leaf, scenario);
  const prepared = await prepare(leaf, scenario, mode);
  const signal = mode === 'json' || mode === 'pty 100 columns' ? 'SIGINT' : 'SIGTERM';
  // Mid-way: the server has the request, and on a terminal the spinner shows (a signal any earlier
  // would race the progress this case also checks).
  const pty = MODES[mode].terminal.kind === 'pty';
  const ready = (output: string): boolean => (prepared.hang?.requested() ?? 0) > 0 && (!pty || SPINNER_FRAME.test(output));
  const interrupt = prepared.hang === undefined ? undefined : ({ signal, ready } as const);
  try {
    const run = await spawnCli(prepared.args, { terminal: MODES[mode].terminal, env: prepared.env, interrupt });
    const what = `${prepared.args.join(' ')} [${mode}]`;
    expect(run.runaway, `${what}: bounded output, and the process ends`).toBeUndefined();
    if (scenario === 'signal') expect(run.interrupted, `${what}: waited on the network and got ${signal}`).toBe(true);
    expectExit(run, expectation.exit, what);
    if (MODES[mode].terminal.kind === 'pipe') checkSplit(run, leaf, scenario, mode);
    else checkTerminal(run, leaf, scenario, mode);
    checkSecrets(run, leaf, scenario);
  } finally {
    await prepared.hang?.close();
  }
}

const leaves = leafCommands();

describe('the command tree', () => {
  it('has the commands this contract was written with (and any added since)', () => {
    const paths = leaves.map((leaf) => leaf.path);
    for (const known of Object.keys(CONTRACTS)) expect(paths).toContain(known);
  });

  it('lists every declared exemption with its reason (none is silent)', () => {
    const exemptions = leaves.flatMap((leaf) => SCENARIOS.flatMap((scenario) => {
      const reason = expectationFor(leaf, scenario).notApplicable;
      return reason === undefined ? [] : [`${leaf.path} / ${scenario}: ${reason}`];
    })).concat(leaves.flatMap((leaf) => Object.entries(contractFor(leaf).modes ?? {}).map(([mode, reason]) => `${leaf.path} / ${mode}: ${reason}`)));
    for (const line of exemptions) expect(line).toMatch(/: \w.{10,}/);
    expect(exemptions.length).toBeLessThan(leaves.length * SCENARIOS.length / 2);
  });
});

// One concurrent block: cases share the servers and run side by side (vitest's maxConcurrency).
describe.concurrent('every command × outcome × terminal', () => {
  for (const leaf of leaves) {
    for (const scenario of SCENARIOS) {
      if (expectationFor(leaf, scenario).notApplicable !== undefined) continue;
      for (const mode of Object.keys(MODES) as Mode[]) {
        const modes = contractFor(leaf).modes ?? {};
        if ((MODES[mode].json && modes.json !== undefined) || (MODES[mode].terminal.kind === 'pty' && modes.pty !== undefined)) continue;
        it(`mcpauth ${leaf.path}: ${scenario}, ${mode}`, () => runCase(leaf, scenario, mode), LIVENESS_MS + 15_000);
      }
    }
  }
});
