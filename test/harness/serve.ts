/**
 * Starts the harness for manual use and the demo:
 *   npx tsx test/harness/serve.ts [--knobs '{"mcp":{"challenge":{"resourceMetadata":false}}}']
 * Prints one JSON line (mcpUrl, issuer, ...) on stdout, then stays up until Ctrl-C.
 */
import { startHarness } from './harness.js';
import type { HarnessKnobs } from './harness.js';

function readKnobs(argv: string[]): HarnessKnobs {
  const at = argv.findIndex((arg) => arg === '--knobs' || arg === '--knob');
  if (at === -1) return {};
  const raw = argv[at + 1];
  if (raw === undefined) throw new Error('--knobs needs a JSON object, e.g. --knobs \'{"as":{"pkceMethods":null}}\'');
  return JSON.parse(raw) as HarnessKnobs;
}

const harness = await startHarness(readKnobs(process.argv.slice(2)));
process.stdout.write(
  `${JSON.stringify({
    mcpUrl: harness.mcpUrl,
    issuer: harness.issuer,
    prmUrl: harness.mcp.prmUrl,
    asMetadataUrl: harness.as.metadataUrl,
    clients: harness.as.clients,
  })}\n`,
);
process.stderr.write('harness running; Ctrl-C to stop\n');

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await harness.close();
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
