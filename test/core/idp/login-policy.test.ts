import { describe, expect, it } from 'vitest';
import { matchIdpError, recognizeIdp, type RecognizedIdp } from '../../../src/core/idp/index.js';
import { acceptIssuer, expectedIssuerForToken } from '../../../src/core/idp/issuer-relaxation.js';
import { createAppSteps, loopbackHostFor, pinnedPortFor, pkceAssumedFor, planIdpLogin, registrationScopeFor } from '../../../src/core/idp/login-policy.js';
import { normalizeTokenResponse } from '../../../src/core/idp/token-response.js';

const idp = (id: RecognizedIdp['id'], confidence: RecognizedIdp['confidence'] = 'high'): RecognizedIdp => ({ id, name: id, confidence, evidence: [] });
const R = 'https://mcp.example.com/mcp';

describe('planIdpLogin (idp-quirks.md §18)', () => {
  it('registration scope: Clerk gets the login scope in the DCR body (§11 row 2); Keycloak and the rest none (§4 row 3)', () => {
    expect(planIdpLogin({ idp: idp('clerk'), prmResource: R, scope: 'openid email offline_access', overrides: {} }).registrationScope).toBe('openid email offline_access');
    expect(planIdpLogin({ idp: idp('keycloak'), prmResource: R, scope: 'mcp:tools', overrides: {} }).registrationScope).toBeUndefined();
    expect(planIdpLogin({ idp: undefined, prmResource: R, scope: 'mcp:tools', overrides: {} }).registrationScope).toBeUndefined();
    expect(registrationScopeFor(idp('clerk', 'low'), 'openid')).toBeUndefined();
    expect(registrationScopeFor(idp('clerk', 'medium'), undefined)).toBeUndefined();
    expect(registrationScopeFor(idp('okta'), 'openid')).toBeUndefined();
  });

  it('generic AS: resource on authorize, token and refresh; no extra parameters, never prompt', () => {
    expect(planIdpLogin({ idp: undefined, prmResource: R, scope: 'mcp:tools', overrides: {} })).toEqual({
      resource: R, scope: 'mcp:tools', authorizationParams: {}, refreshParams: { resource: R }, notes: [],
    });
  });

  it('Entra: resource omitted unless it is the App ID URI of the scopes; refresh replays the scope', () => {
    const omitted = planIdpLogin({ idp: idp('entra'), prmResource: R, scope: 'api://abc/mcp.read offline_access', overrides: {} });
    expect(omitted.resource).toBeUndefined();
    expect(omitted.refreshParams).toEqual({ scope: 'api://abc/mcp.read offline_access' });
    expect(omitted.notes.join()).toContain('AADSTS9010010');
    const matching = planIdpLogin({ idp: idp('entra'), prmResource: R, scope: `${R}/mcp.read`, overrides: {} });
    expect(matching.resource).toBe(R);
    expect(planIdpLogin({ idp: idp('entra'), prmResource: R, scope: 'x', overrides: { resource: R } }).resource).toBe(R);
  });

  it('Entra --audience qualifies bare scopes with the App ID URI (AADSTS650053)', () => {
    const plan = planIdpLogin({ idp: idp('entra'), prmResource: R, scope: 'mcp.read openid offline_access', overrides: { audience: 'api://abc/' } });
    expect(plan.scope).toBe('api://abc/mcp.read openid offline_access');
    expect(plan.resource).toBeUndefined();
  });

  it('Auth0: audience defaults to the PRM resource, --audience overrides; Ory only when asked', () => {
    expect(planIdpLogin({ idp: idp('auth0'), prmResource: R, scope: undefined, overrides: {} }).authorizationParams).toEqual({ audience: R });
    expect(planIdpLogin({ idp: idp('auth0'), prmResource: R, scope: undefined, overrides: { audience: 'https://api' } }).authorizationParams).toEqual({ audience: 'https://api' });
    expect(planIdpLogin({ idp: idp('ory'), prmResource: R, scope: undefined, overrides: {} }).authorizationParams).toEqual({});
    expect(planIdpLogin({ idp: idp('ory'), prmResource: R, scope: undefined, overrides: { audience: R } }).authorizationParams).toEqual({ audience: R });
  });

  it('Google: access_type=offline; --no-resource omits resource everywhere; --prompt only when asked', () => {
    expect(planIdpLogin({ idp: idp('google'), prmResource: R, scope: 'openid', overrides: {} }).authorizationParams).toEqual({ access_type: 'offline' });
    const none = planIdpLogin({ idp: undefined, prmResource: R, scope: undefined, overrides: { resource: false, prompt: 'consent' } });
    expect(none).toMatchObject({ resource: undefined, refreshParams: {}, authorizationParams: { prompt: 'consent' } });
  });

  it("no scope from the server: 'openid' for a recognised IdP that lists it, nothing for a generic AS", () => {
    expect(planIdpLogin({ idp: idp('cognito'), prmResource: R, scope: undefined, overrides: {}, asScopes: ['openid', 'phone'] }).scope).toBe('openid');
    expect(planIdpLogin({ idp: idp('okta'), prmResource: R, scope: undefined, overrides: {}, asScopes: ['profile'] }).scope).toBeUndefined();
    expect(planIdpLogin({ idp: undefined, prmResource: R, scope: undefined, overrides: {}, asScopes: ['openid'] }).scope).toBeUndefined();
  });

  it('PKCE is assumed only for recognised Entra and Cognito, never for a low-confidence guess or another IdP', () => {
    expect(pkceAssumedFor(idp('entra'))).toContain('S256');
    expect(pkceAssumedFor(idp('cognito', 'medium'))).toContain('S256');
    expect(pkceAssumedFor(idp('cognito', 'low'))).toBeUndefined();
    expect(pkceAssumedFor(idp('keycloak'))).toBeUndefined();
    expect(pkceAssumedFor(undefined)).toBeUndefined();
  });

  it('redirect host and port per IdP: localhost for Entra/Cognito; a stable port for exact-match IdPs', () => {
    expect(loopbackHostFor(idp('entra'))).toBe('localhost');
    expect(loopbackHostFor(idp('github'))).toBe('127.0.0.1');
    const port = pinnedPortFor(idp('okta'), R);
    expect(port).toBe(pinnedPortFor(idp('okta'), R));
    expect(port).toBeGreaterThanOrEqual(49152);
    expect(pinnedPortFor(idp('okta'), `${R}2`)).not.toBe(port);
    expect(pinnedPortFor(idp('github'), R)).toBeUndefined();
    expect(createAppSteps(idp('entra'), ['http://localhost/callback'], R)).toContain("'Mobile and desktop applications' with redirect http://localhost/callback");
  });
});

describe('issuer relaxations (§18.5): exactly two, plus --trust-issuer', () => {
  it('empty-path trailing slash only', () => {
    expect(acceptIssuer('https://accounts.google.com/', 'https://accounts.google.com', undefined, undefined).kind).toBe('empty-path-slash');
    expect(acceptIssuer('https://t.auth0.com', 'https://t.auth0.com/', undefined, undefined).kind).toBe('empty-path-slash');
    expect(acceptIssuer('https://kc/realms/a', 'https://kc/realms/a/', undefined, undefined).kind).toBe('refused');
    expect(acceptIssuer('https://a.example', 'https://b.example', undefined, undefined).kind).toBe('refused');
  });

  it('Entra {tenantid} only for a recognised Entra authority; token iss checked with tid', () => {
    const listed = 'https://login.microsoftonline.com/common/v2.0';
    const template = 'https://login.microsoftonline.com/{tenantid}/v2.0';
    const entra = recognizeIdp({ issuer: listed });
    expect(acceptIssuer(listed, template, entra, undefined).kind).toBe('entra-tenant-template');
    expect(acceptIssuer(listed, template, undefined, undefined).kind).toBe('refused');
    expect(expectedIssuerForToken(template, { tid: '72f9' })).toBe('https://login.microsoftonline.com/72f9/v2.0');
  });

  it('anything else only with --trust-issuer naming that exact issuer', () => {
    expect(acceptIssuer('https://as.example/a', 'https://as.example/b', undefined, 'https://as.example/b').kind).toBe('trusted');
    expect(acceptIssuer('https://as.example/a', 'https://as.example/b', undefined, 'https://as.example/c').kind).toBe('refused');
  });
});

describe('token responses as IdPs send them (§18.6)', () => {
  it('form-encoded bodies become JSON; 200 bodies with error become 400', async () => {
    const form = await normalizeTokenResponse(new Response('access_token=gho_x&token_type=bearer&scope=repo', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(await form.json()).toEqual({ access_token: 'gho_x', token_type: 'bearer', scope: 'repo' });
    const error = await normalizeTokenResponse(Response.json({ error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' }));
    expect(error.status).toBe(400);
    const ok = Response.json({ access_token: 'a', token_type: 'bearer' });
    expect(await normalizeTokenResponse(ok)).toBe(ok);
  });
});

describe('error strings -> IdP, meaning, fix (§16.1)', () => {
  it.each([
    ['invalid_target AADSTS9010010: The resource parameter provided…', 'entra', '--no-resource'],
    ['AADSTS50011: The redirect URI … does not match', 'entra', 'Mobile and desktop'],
    ["insufficient_scope Policy 'Trusted Hosts' rejected request to client-registration service.", 'keycloak', 'Trusted Hosts'],
    ['invalid_scope No scopes were requested', 'okta', 'custom AS'],
    ['incorrect_client_credentials', 'github', '--client-secret-env'],
  ])('%s', (text, id, fix) => {
    const found = matchIdpError(text);
    expect(found?.idp).toBe(id);
    expect(found?.fix).toContain(fix);
    expect(found?.source).toMatch(/^https:\/\//);
  });

  it('an unrelated error matches nothing', () => {
    expect(matchIdpError('invalid_grant: expired')).toBeUndefined();
  });
});
