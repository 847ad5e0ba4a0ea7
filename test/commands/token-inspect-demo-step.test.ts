import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { tokenInspectStep } from '../demo/steps/token-inspect.js';
import { scopesStep } from '../demo/steps/scopes.js';
import type { DemoContext, DemoRunOptions } from '../demo/demo-context.js';
import { runCodeFlow, startHarness, type Harness } from '../harness/index.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { storeTokenForTest } from './token-store-fixture.js';

/** The demo steps, run in-process against a home seeded the way the demo's login step leaves it. */
describe('demo steps: token inspect and scopes', () => {
  let h: Harness;
  let transcript = '';
  let ctx: DemoContext;
  beforeAll(async () => {
    h = await startHarness();
    const { tokens } = await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl });
    const env = await storeTokenForTest(h.as, h.mcpUrl, tokens.access_token);
    ctx = {
      harness: h,
      home: env.MCPAUTH_HOME ?? '',
      interactive: false,
      say: (text) => void (transcript += `${text}\n`),
      async mcpauth(args: string[], options: DemoRunOptions = {}) {
        const deps = createTestDeps({ env: { ...env, ...options.env }, stdin: options.stdin });
        const code = await runCli(args, deps);
        transcript += `$ mcpauth ${args.join(' ')}\n${deps.io.out()}${deps.io.err()}`;
        if (!(options.expect ?? [0]).includes(code)) throw new Error(`mcpauth ${args.join(' ')} exited ${code}`);
        return { code, stdout: deps.io.out(), stderr: deps.io.err() };
      },
    };
  });
  afterAll(async () => h.close());

  it('token inspect: the stored token verifies, a foreign-audience one does not', async () => {
    await tokenInspectStep.run(ctx);
    expect(transcript).toContain('verified   yes');
    expect(transcript).toContain('token-audience-mismatch');
  });

  it('scopes --tool admin-reset shows the missing scope and the fix', async () => {
    await scopesStep.run(ctx);
    expect(transcript).toContain('← missing');
    expect(transcript).toContain(`mcpauth call ${h.mcpUrl} admin-reset --step-up`);
  });
});
