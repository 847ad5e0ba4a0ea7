import { describe, expect, it } from 'vitest';
import { detectQuirks, IDP_PROVIDERS, IDP_QUIRKS, recognizeIdp } from '../../../src/core/idp/index.js';

// Metadata shapes from idp-quirks.md §1-§7 and §16 (each IdP's "Shape" paragraph and signature row).
const entraCommon = {
  issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
  authorization_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  token_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  device_authorization_endpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
  cloud_instance_name: 'microsoftonline.com',
  msgraph_host: 'graph.microsoft.com',
};

describe('recognizeIdp', () => {
  it('Entra by host, and behind a proxy by its vendor-only metadata fields alone', () => {
    expect(recognizeIdp({ issuer: 'https://login.microsoftonline.com/common/v2.0', metadata: entraCommon })).toMatchObject({ id: 'entra', confidence: 'high' });
    const proxied = { ...entraCommon, issuer: 'https://auth.corp.example/t1/v2.0', authorization_endpoint: 'https://auth.corp.example/t1/oauth2/v2.0/authorize' };
    const found = recognizeIdp({ issuer: 'https://auth.corp.example/t1/v2.0', metadata: proxied });
    expect(found).toMatchObject({ id: 'entra', name: 'Microsoft Entra ID', confidence: 'high' });
    expect(found?.evidence.join(' ')).toContain('cloud_instance_name');
  });

  it('Okta on a custom domain by okta_post_message (okta-auth-js fixture)', () => {
    const metadata = { issuer: 'https://login.acme.example/oauth2/default', authorization_endpoint: 'https://login.acme.example/oauth2/default/v1/authorize', response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'], registration_endpoint: 'https://login.acme.example/oauth2/v1/clients' };
    expect(recognizeIdp({ issuer: metadata.issuer, metadata })).toMatchObject({ id: 'okta', confidence: 'high' });
  });

  it('Keycloak from its realm path and endpoint shapes only (no host to go by)', () => {
    const base = 'https://sso.acme.example/realms/mcp';
    const metadata = { issuer: base, authorization_endpoint: `${base}/protocol/openid-connect/auth`, registration_endpoint: `${base}/clients-registrations/openid-connect` };
    expect(recognizeIdp({ issuer: base, metadata })).toMatchObject({ id: 'keycloak', confidence: 'high' });
    expect(recognizeIdp({ issuer: base })).toMatchObject({ id: 'keycloak', confidence: 'low' });
  });

  it('Cognito by issuer host, and by pool-id path + split-host endpoints', () => {
    expect(recognizeIdp({ issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123' })).toMatchObject({ id: 'cognito', confidence: 'high' });
    const metadata = { issuer: 'https://id.acme.example/eu-west-1_AbC123', authorization_endpoint: 'https://login.acme.example/oauth2/authorize' };
    expect(recognizeIdp({ issuer: metadata.issuer, metadata })).toMatchObject({ id: 'cognito', confidence: 'medium' });
  });

  it('Auth0 custom domain by /oidc/register and the trailing-slash issuer; GitHub and Google by host', () => {
    const auth0 = { issuer: 'https://login.acme.example/', token_endpoint: 'https://login.acme.example/oauth/token', registration_endpoint: 'https://login.acme.example/oidc/register' };
    expect(recognizeIdp({ issuer: 'https://login.acme.example', metadata: auth0 })).toMatchObject({ id: 'auth0', confidence: 'medium' });
    expect(recognizeIdp({ issuer: 'https://github.com/login/oauth' })).toMatchObject({ id: 'github', confidence: 'high' });
    expect(recognizeIdp({ issuer: 'https://accounts.google.com/' })).toMatchObject({ id: 'google', confidence: 'high' });
  });

  it('a generic AS is not recognised, and hostile metadata types do not throw', () => {
    expect(recognizeIdp({ issuer: 'https://as.example', metadata: { issuer: 'https://as.example', authorization_endpoint: 'https://as.example/authorize' } })).toBeUndefined();
    expect(recognizeIdp({ issuer: 'not a url', metadata: { issuer: 42, response_modes_supported: 'okta_post_message', registration_endpoint: {} } as never })).toBeUndefined();
  });
});

describe('catalogue data', () => {
  it('every quirk names a known IdP and at least one https source', () => {
    for (const [id, quirk] of Object.entries(IDP_QUIRKS)) {
      expect(IDP_PROVIDERS[quirk.idp], id).toBeDefined();
      expect(quirk.sources.length, id).toBeGreaterThan(0);
      for (const source of quirk.sources) expect(source, id).toMatch(/^https:\/\//);
    }
  });

  it('Entra quirks from metadata: resource, bare scopes, PKCE, DCR, {tenantid}', () => {
    const idp = recognizeIdp({ issuer: 'https://login.microsoftonline.com/common/v2.0', metadata: entraCommon })!;
    const ids = detectQuirks({ idp, listedIssuer: 'https://login.microsoftonline.com/common/v2.0', metadata: entraCommon, prmResource: 'https://mcp.example/mcp', prmScopes: ['mcp.read'], foundAt: 'oidc-appended' }).map((q) => q.id);
    expect(ids).toEqual(['entra-resource-rejected', 'entra-bare-scopes', 'entra-pkce-unadvertised', 'entra-no-dcr', 'entra-templated-issuer', 'entra-guid-audience']);
    const qualified = detectQuirks({ idp, listedIssuer: 'x', metadata: entraCommon, prmResource: undefined, prmScopes: ['api://1234/mcp.read'], foundAt: undefined }).map((q) => q.id);
    expect(qualified).not.toContain('entra-bare-scopes');
  });

  it('Okta org AS vs custom AS', () => {
    const metadata = { issuer: 'https://acme.okta.com', registration_endpoint: 'https://acme.okta.com/oauth2/v1/clients' };
    const idp = recognizeIdp({ issuer: metadata.issuer, metadata })!;
    const org = detectQuirks({ idp, listedIssuer: metadata.issuer, metadata, prmResource: undefined, prmScopes: undefined, foundAt: undefined }).map((q) => q.id);
    expect(org).toContain('okta-org-as');
    const custom = detectQuirks({ idp, listedIssuer: 'https://acme.okta.com/oauth2/default', metadata, prmResource: undefined, prmScopes: undefined, foundAt: undefined }).map((q) => q.id);
    expect(custom).not.toContain('okta-org-as');
    expect(custom).toContain('okta-dcr-admin-token');
  });
});
