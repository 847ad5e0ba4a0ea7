import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCognitoSimulator } from '../harness/idp/cognito.js';
import { startEntraSimulator } from '../harness/idp/entra.js';
import type { IdpSimulator } from '../harness/idp/simulator.js';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let sim: IdpSimulator | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  await sim?.close();
  await harness?.close();
  sim = undefined;
  harness = undefined;
});

const home = (): string => mkdtempSync(join(tmpdir(), 'mcpauth-strict-pkce-'));

// idp-quirks.md §1 row "code_challenge_methods_supported absent" (vscode#248775, vercel/ai#18674):
// "mcpauth proceeds with S256 because the issuer is a known Microsoft host (override: --strict-pkce)".
describe('login --strict-pkce: S256 must be advertised, no known-IdP exception', () => {
  it('Entra ID (S256 unadvertised) is refused with exit 5 before any browser or token, and the hint names the way back', async () => {
    sim = await startEntraSimulator();
    const env = { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER };
    const refused = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--strict-pkce'], env);
    expect(refused.code).toBe(5);
    expect(refused.err).toContain('has no code_challenge_methods_supported, and --strict-pkce accepts only an advertised S256 (even for Microsoft Entra ID)');
    expect(refused.err).toContain('drop --strict-pkce');
    expect(refused.err).not.toContain('supports PKCE S256 but does not advertise it');
    const nothingStored = await runMcpauth(['token', 'print', sim.mcpUrl], env);
    expect(nothingStored.code).toBe(4);
    // The same server without the flag: the known-IdP exception applies, with its note.
    const accepted = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId], env);
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.err).toContain('Microsoft Entra ID supports PKCE S256 but does not advertise it');
  });

  it('Cognito (S256 unadvertised) is refused too', async () => {
    sim = await startCognitoSimulator();
    const refused = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--strict-pkce'], { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER });
    expect(refused.code).toBe(5);
    expect(refused.err).toContain('--strict-pkce accepts only an advertised S256 (even for Amazon Cognito)');
  });

  it("an AS listing only 'plain' is refused, and one listing S256 logs in as usual", async () => {
    harness = await startHarness({ as: { pkceMethods: ['plain'] } });
    const refused = await runMcpauth(['login', harness.mcpUrl, '--strict-pkce'], { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER });
    expect(refused.code).toBe(5);
    expect(refused.err).toContain('lists ["plain"] without S256, and --strict-pkce accepts only an advertised S256.');
    expect(refused.err).toContain('code_challenge_methods_supported: ["S256"]');
    await harness.close();
    harness = await startHarness();
    const ok = await runMcpauth(['login', harness.mcpUrl, '--strict-pkce', '--json'], { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).not.toContain('PKCE');
  });

  it('--strict-pkce with --assume-pkce-s256 is a usage error (exit 2) that contacts nothing', async () => {
    // Port 1 on loopback answers nothing: any network attempt would end in exit 3, not 2.
    const both = await runMcpauth(['login', 'http://127.0.0.1:1/mcp', '--strict-pkce', '--assume-pkce-s256'], { MCPAUTH_HOME: home(), MCPAUTH_BROWSER: CONSENT_BROWSER });
    expect(both.err).toContain('--strict-pkce and --assume-pkce-s256 contradict each other');
    expect(both.code).toBe(2);
  });
});
