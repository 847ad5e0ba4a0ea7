import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { DemoContext, DemoRunOptions } from '../demo/demo-context.js';
import { storeStep } from '../demo/steps/store.js';
import { startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { createStoreCommandFixture, type StoreCommandFixture } from './store-command-fixture.js';

/** The demo step, in-process, against a home seeded the way the demo's login step leaves it. */
describe('demo step: status, token print, logout', () => {
  let h: Harness;
  let f: StoreCommandFixture;
  let transcript = '';
  let ctx: DemoContext;
  let accessToken = '';
  beforeAll(async () => {
    h = await startHarness();
    f = await createStoreCommandFixture(new Date());
    const input = await obtainCredentialInput(h);
    accessToken = input.secrets.accessToken;
    await f.store.save(input);
    ctx = {
      harness: h,
      home: f.home,
      interactive: false,
      say: (text) => void (transcript += `${text}\n`),
      async mcpauth(args: string[], options: DemoRunOptions = {}) {
        const deps = createTestDeps({ env: { ...f.env, ...options.env }, stdin: options.stdin });
        const code = await runCli(args, deps);
        transcript += `$ mcpauth ${args.join(' ')}\n${deps.io.out()}${deps.io.err()}`;
        if (!(options.expect ?? [0]).includes(code)) throw new Error(`mcpauth ${args.join(' ')} exited ${code}`);
        return { code, stdout: deps.io.out(), stderr: deps.io.err() };
      },
    };
  });
  afterAll(async () => {
    await h.close();
    await f.cleanup();
  });

  it('shows the credential, prints the token once, revokes and ends with status exit 4', async () => {
    await storeStep.run(ctx);
    expect(transcript).toContain('refresh      available');
    expect(transcript.split(accessToken)).toHaveLength(2);
    expect(transcript).toContain('refresh token revoked at');
    expect(transcript).toContain(`No stored credential for ${h.mcpUrl}.`);
  });
});
