/**
 * `npm run demo`: starts the real local servers (test/harness) and runs mcpauth against them, step by
 * step, so a newcomer with no internet sees the main job. Unattended when stdin is not a terminal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installQuietConsole, startHarness } from '../harness/index.js';
import { createMcpauthRunner, type DemoContext, type DemoStep } from './demo-context.js';
import { auditStep } from './steps/audit.js';
import { serversStep, versionStep } from './steps/frame.js';
import { loginStep } from './steps/login.js';
import { probeStep } from './steps/probe.js';
import { rotateStep } from './steps/rotate.js';
import { scopesStep } from './steps/scopes.js';
import { storeStep } from './steps/store.js';
import { tokenInspectStep } from './steps/token-inspect.js';

// Each issue adds its command's step here, in the order a user meets them.
const STEPS: DemoStep[] = [serversStep, versionStep, probeStep, loginStep, tokenInspectStep, scopesStep, rotateStep, storeStep, auditStep];

async function runDemo(): Promise<number> {
  installQuietConsole();
  const write = (text: string): void => void process.stdout.write(text);
  const home = await mkdtemp(join(tmpdir(), 'mcpauth-demo-'));
  const harness = await startHarness();
  const ctx: DemoContext = {
    harness,
    home,
    interactive: process.stdin.isTTY === true && process.env.CI === undefined,
    mcpauth: createMcpauthRunner(home, write),
    say: (text) => write(`${text}\n`),
  };
  try {
    for (const [index, step] of STEPS.entries()) {
      write(`\n━━ ${index + 1}. ${step.title}\n`);
      await step.run(ctx);
    }
    write('\nDemo finished: every step ran against the real local servers.\n');
    return 0;
  } catch (error) {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await harness.close();
    await rm(home, { recursive: true, force: true });
  }
}

process.exitCode = await runDemo();
