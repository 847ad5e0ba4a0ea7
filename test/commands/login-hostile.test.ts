import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';
import { pollUntil } from '../helpers/settle.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  delete process.env.CONSENT_BROWSER_MODE;
});

const RECORD_BROWSER = `${process.execPath} ${fileURLToPath(new URL('./fixtures/record-browser.mjs', import.meta.url))}`;
const home = (): string => mkdtempSync(join(tmpdir(), 'mcpauth-hostile-'));

describe('login against hostile or broken servers', () => {
  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>'])(
    'refuses the authorization endpoint %s and never opens it',
    async (endpoint) => {
      harness = await startHarness({ as: { metadataOverrides: { authorization_endpoint: endpoint } } });
      const record = join(home(), 'opened.txt');
      process.env.RECORD_FILE = record;
      const run = await runMcpauth(['login', harness.mcpUrl, '--browser', RECORD_BROWSER], { MCPAUTH_HOME: home() });
      expect(run.code).toBe(5);
      expect(run.err).toContain('refusing the authorization endpoint');
      expect(run.err).not.toContain('Open this URL');
      expect(existsSync(record)).toBe(false);
    },
  );

  it('rejects a wrong iss before the code is exchanged', async () => {
    harness = await startHarness({ as: { authorizationResponseIssParameter: 'wrong' } });
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER, '--verbose'], { MCPAUTH_HOME: home() });
    expect(run.code).toBe(5);
    expect(run.err).toContain('rejected before the code was exchanged');
    expect(run.err).not.toContain('(token request');
  });

  it('ignores a callback with a forged state and completes with the real one', async () => {
    harness = await startHarness();
    process.env.CONSENT_BROWSER_MODE = 'wrong-state';
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER], { MCPAUTH_HOME: home() });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Logged in to');
  });

  it('reports access_denied from the consent page', async () => {
    harness = await startHarness();
    process.env.CONSENT_BROWSER_MODE = 'deny';
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER], { MCPAUTH_HOME: home() });
    expect(run.code).toBe(4);
    expect(run.err).toContain('access_denied');
  });

  it('gives a clear error when the chosen port is in use', async () => {
    harness = await startHarness();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runMcpauth(['login', harness.mcpUrl, '--browser', RECORD_BROWSER, '--port', String(port)], { MCPAUTH_HOME: home() });
      expect(run.code).toBe(2);
      expect(run.err).toContain(`the loopback port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('refuses an AS without PKCE S256 unless --assume-pkce-s256', async () => {
    harness = await startHarness({ as: { pkceMethods: null } });
    const refused = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER], { MCPAUTH_HOME: home() });
    expect(refused.code).toBe(5);
    expect(refused.err).toContain('--assume-pkce-s256');
    const assumed = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER, '--assume-pkce-s256'], { MCPAUTH_HOME: home() });
    expect(assumed.code, assumed.err).toBe(0);
    expect(assumed.err).toContain('warning: the authorization server metadata has no code_challenge_methods_supported');
  });

  it('opens only validated URLs: the recorded browser got exactly the authorization URL', async () => {
    harness = await startHarness();
    const record = join(home(), 'opened.txt');
    process.env.RECORD_FILE = record;
    const controller = new AbortController();
    const pending = runMcpauth(['login', harness.mcpUrl, '--browser', RECORD_BROWSER], { MCPAUTH_HOME: home() }, { signal: controller.signal });
    await pollUntil(() => existsSync(record) && readFileSync(record, 'utf8').trim() !== '', 'the browser to record the URL');
    controller.abort();
    const run = await pending;
    expect(run.code).toBe(130);
    const [argv] = readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
    expect(argv).toHaveLength(1);
    expect(new URL(argv?.[0] ?? '').searchParams.get('code_challenge_method')).toBe('S256');
  });
});
