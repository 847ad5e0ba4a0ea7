import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDP_QUIRKS } from '../../src/core/idp/index.js';
import { startAuth0Simulator } from '../harness/idp/auth0.js';
import { startCognitoSimulator } from '../harness/idp/cognito.js';
import { startEntraSimulator } from '../harness/idp/entra.js';
import { startGithubSimulator } from '../harness/idp/github.js';
import { startGoogleSimulator } from '../harness/idp/google.js';
import { startKeycloakSimulator } from '../harness/idp/keycloak.js';
import { startOktaSimulator } from '../harness/idp/okta.js';
import type { IdpSimulator } from '../harness/idp/simulator.js';
import { runMcpauth } from './login-helpers.js';

interface ProbeJson {
  authorizationServer: { issuer: string; provider: { id: string; confidence: string; evidence: string[] } | null };
  steps: { detail: string }[];
  findings: { id: string; fix: string; spec: string; sources?: string[] }[];
}

async function probe(start: () => Promise<IdpSimulator>): Promise<{ json: ProbeJson; human: string; sim: string }> {
  const sim = await start();
  try {
    const env = { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-probe-idp-')) };
    const [json, human] = await Promise.all([runMcpauth(['probe', sim.mcpUrl, '--json'], env), runMcpauth(['probe', sim.mcpUrl], env)]);
    return { json: JSON.parse(json.out) as ProbeJson, human: human.out, sim: sim.issuer };
  } finally {
    await sim.close();
  }
}

/** Every IdP finding carries the catalogue's fix text and all its source links. */
function expectCatalogueFindings(json: ProbeJson, ids: (keyof typeof IDP_QUIRKS)[]): void {
  for (const id of ids) {
    const found = json.findings.find((f) => f.id === `idp-${id}`);
    expect(found, id).toBeDefined();
    expect(found?.fix).toBe(IDP_QUIRKS[id].fix);
    expect(found?.sources).toEqual(IDP_QUIRKS[id].sources);
  }
}

describe('probe names the IdP behind each simulator and its specific fixes', () => {
  it('Entra: recognised from its metadata fields (no Microsoft host on loopback); resource, PKCE, DCR, GUID audience', async () => {
    const { json, human } = await probe(startEntraSimulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'entra', confidence: 'high' });
    expect(json.authorizationServer.provider?.evidence.join(' ')).toContain('cloud_instance_name');
    expectCatalogueFindings(json, ['entra-resource-rejected', 'entra-pkce-unadvertised', 'entra-no-dcr', 'entra-guid-audience']);
    expect(json.findings.map((f) => f.id)).not.toContain('idp-entra-bare-scopes'); // the simulator advertises api://… scopes
    expect(human).toContain('Identity provider: Microsoft Entra ID (high confidence)');
    expect(human).toContain('src:  https://github.com/anthropics/claude-code/issues/73460');
    expect(json.steps.some((s) => s.detail.includes('identity provider: Microsoft Entra ID'))).toBe(true);
  });

  it('Auth0: custom-domain shape (/oidc/register, trailing-slash issuer); resource ignored, DCR third-party', async () => {
    const { json } = await probe(startAuth0Simulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'auth0', confidence: 'medium' });
    expectCatalogueFindings(json, ['auth0-resource-ignored', 'auth0-dcr-third-party']);
  });

  it('Auth0 with DCR off (its default): the toggle fix', async () => {
    const { json } = await probe(() => startAuth0Simulator({ registration: false }));
    expectCatalogueFindings(json, ['auth0-dcr-off']);
  });

  it('Okta custom AS: okta_post_message; DCR needs an admin token; audience per AS', async () => {
    const { json } = await probe(startOktaSimulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'okta', confidence: 'high' });
    expectCatalogueFindings(json, ['okta-dcr-admin-token', 'okta-audience-per-as']);
    expect(json.findings.map((f) => f.id)).not.toContain('idp-okta-org-as');
  });

  it('Okta org AS: an error, because its tokens are for Okta APIs only', async () => {
    const { json } = await probe(() => startOktaSimulator({ orgAuthorizationServer: true }));
    expectCatalogueFindings(json, ['okta-org-as']);
  });

  it('Keycloak: realm path and endpoints; audience mapper, DCR policies, realm-only metadata', async () => {
    const { json } = await probe(startKeycloakSimulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'keycloak', confidence: 'high' });
    expectCatalogueFindings(json, ['keycloak-audience-mapper', 'keycloak-dcr-policies', 'keycloak-realm-metadata']);
  });

  it('Cognito: pool-id issuer path and split-host endpoints; no aud, PKCE, DCR, pool-wide scopes', async () => {
    const { json } = await probe(startCognitoSimulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'cognito', confidence: 'medium' });
    expectCatalogueFindings(json, ['cognito-no-aud', 'cognito-pkce-unadvertised', 'cognito-no-dcr', 'cognito-pool-scopes']);
  });

  it('Google: the PRM lists the issuer with a trailing slash; no DCR (low confidence on loopback: only the endpoint shape)', async () => {
    const { json } = await probe(startGoogleSimulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'google', confidence: 'low' });
    expectCatalogueFindings(json, ['google-trailing-slash', 'google-no-dcr']);
  });

  it('GitHub: /login/oauth issuer (path-inserted metadata only); no DCR, 200-error token endpoint', async () => {
    const { json } = await probe(startGithubSimulator);
    expect(json.authorizationServer.provider).toMatchObject({ id: 'github', confidence: 'high' });
    expectCatalogueFindings(json, ['github-no-dcr', 'github-token-endpoint']);
  });
});
