import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IDP_QUIRKS } from '../../src/core/idp/index.js';
import { startCognitoSimulator } from '../harness/idp/cognito.js';
import { ENTRA_API_APP, startEntraSimulator } from '../harness/idp/entra.js';
import { startKeycloakSimulator } from '../harness/idp/keycloak.js';
import type { IdpSimulator } from '../harness/idp/simulator.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let sim: IdpSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const env = (): Record<string, string> => ({ MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-diag-idp-')), MCPAUTH_BROWSER: CONSENT_BROWSER });

interface DiagnosisJson {
  identityProvider: { id: string } | null;
  format: string;
  rows: { what: string; expected: string; actual: string; agrees: boolean | null }[];
  fix: { quirk: string; text: string; sources: string[] } | null;
}

describe('diagnosis: PRM resource vs aud, iss and scope, with the IdP-specific audience fix', () => {
  it('Keycloak without an Audience mapper: the 401 after login shows aud "account" against the resource and the mapper fix', async () => {
    sim = await startKeycloakSimulator();
    const e = env();
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId], e);
    expect(login.code).toBe(4);
    expect(login.err).toContain('proving it failed');
    expect(login.err).toMatch(new RegExp(`PRM resource vs aud\\s+MISMATCH ${sim.mcpUrl.replace(/[.]/g, '\\.')}  \\|  account`));
    expect(login.err).toMatch(/AS issuer vs iss\s+ok/);
    expect(login.err).toContain("Keycloak fix: Create a client scope with an 'Audience' mapper");
    // The stored credential keeps failing: call's 401 (after a refresh) shows the same side-by-side.
    const call = await runMcpauth(['call', sim.mcpUrl, 'whoami'], e);
    expect(call.code).toBe(4);
    expect(call.err).toMatch(/PRM resource vs aud\s+MISMATCH/);
    expect(call.err).toContain('Keycloak fix:');
  });

  it('Keycloak with the Audience mapper (the fix applied): login and call succeed', async () => {
    sim = await startKeycloakSimulator({ audienceMapper: true });
    const e = env();
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId], e);
    expect(login.code, login.err).toBe(0);
    expect((await runMcpauth(['call', sim.mcpUrl, 'whoami'], e)).code).toBe(0);
  });

  it('Cognito (--client-id and the registered --port): token inspect --server shows no aud and the client_id fix', async () => {
    sim = await startCognitoSimulator();
    const e = env();
    const login = await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId, '--port', String(sim.callbackPort)], e);
    expect(login.code, login.err).toBe(0);
    expect(login.err).toContain('Amazon Cognito supports PKCE S256 but does not advertise it');
    const inspect = await runMcpauth(['token', 'inspect', '--server', sim.mcpUrl, '--json'], e);
    const diagnosis = (JSON.parse(inspect.out) as { diagnosis: DiagnosisJson }).diagnosis;
    expect(diagnosis.identityProvider?.id).toBe('cognito');
    expect(diagnosis.rows[0]).toEqual({ what: 'audience', expected: sim.mcpUrl, actual: '(none)', agrees: false });
    expect(diagnosis.fix).toEqual({ quirk: 'cognito-no-aud', text: IDP_QUIRKS['cognito-no-aud'].fix, sources: IDP_QUIRKS['cognito-no-aud'].sources });
    const human = await runMcpauth(['token', 'inspect', '--server', sim.mcpUrl], e);
    expect(human.out).toContain('Against the server (Amazon Cognito): expected | in the token');
    expect(human.out).toMatch(/PRM resource \/ aud\s+MISMATCH/);
  });

  it('Entra: token inspect --server shows aud = the API GUID and the Entra GUID-audience fix; iss and scope agree', async () => {
    sim = await startEntraSimulator();
    const e = env();
    expect((await runMcpauth(['login', sim.mcpUrl, '--client-id', sim.client.clientId], e)).code).toBe(0);
    const inspect = await runMcpauth(['token', 'inspect', '--server', sim.mcpUrl, '--json'], e);
    const diagnosis = (JSON.parse(inspect.out) as { diagnosis: DiagnosisJson }).diagnosis;
    expect(diagnosis.rows.map((r) => [r.what, r.agrees])).toEqual([['audience', false], ['issuer', true], ['scope', true]]);
    expect(diagnosis.rows[0]?.actual).toBe(ENTRA_API_APP);
    expect(diagnosis.fix?.quirk).toBe('entra-guid-audience');
  });
});
