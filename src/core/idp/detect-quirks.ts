import type { IdpQuirkId } from './quirks.js';
import type { RecognizedIdp } from './recognize-idp.js';

export interface QuirkContext {
  idp: RecognizedIdp;
  /** The identifier as the PRM lists it. */
  listedIssuer: string;
  metadata: Record<string, unknown>;
  prmResource: string | undefined;
  prmScopes: string[] | undefined;
  /** Which well-known location answered (discovery's AsmLocationKind). */
  foundAt: string | undefined;
}

/** One quirk seen at this server, with what was seen. */
export interface DetectedQuirk {
  id: IdpQuirkId;
  message: string;
}

type Detector = (ctx: QuirkContext) => DetectedQuirk[];

const at = (ctx: QuirkContext): string => `${ctx.idp.name} (${ctx.listedIssuer})`;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const noRegistration = (m: Record<string, unknown>): boolean => str(m.registration_endpoint) === undefined && m.client_id_metadata_document_supported !== true;
const one = (id: IdpQuirkId, message: string): DetectedQuirk[] => [{ id, message }];

/** An Entra App ID URI (api://…) or a scope qualified by one: idp-quirks.md §1 row 1. */
export function isQualifiedEntraScope(scope: string): boolean {
  return scope.includes('/') || scope === 'openid' || scope === 'offline_access' || scope === 'profile' || scope === 'email';
}

const DETECTORS: Record<string, Detector> = {
  entra: (ctx) => {
    const found: DetectedQuirk[] = [];
    const bare = (ctx.prmScopes ?? []).filter((s) => !isQualifiedEntraScope(s));
    const resource = ctx.prmResource ?? '(none)';
    found.push(...one('entra-resource-rejected', `${at(ctx)}: the PRM resource ${resource} is sent by RFC 8707 clients, which Entra v2 rejects unless it is the App ID URI of the requested scopes.`));
    if (bare.length > 0) found.push(...one('entra-bare-scopes', `${at(ctx)}: scopes_supported lists ${bare.join(', ')} without an App ID URI prefix.`));
    if (ctx.metadata.code_challenge_methods_supported === undefined) found.push(...one('entra-pkce-unadvertised', `${at(ctx)}: code_challenge_methods_supported is absent.`));
    if (noRegistration(ctx.metadata)) found.push(...one('entra-no-dcr', `${at(ctx)}: no registration_endpoint and no CIMD support.`));
    const issuer = str(ctx.metadata.issuer) ?? '';
    if (issuer.includes('{tenantid}')) found.push(...one('entra-templated-issuer', `${at(ctx)}: issuer is ${issuer}.`));
    found.push(...one('entra-guid-audience', `${at(ctx)}: a v2 token's aud will be the API's client-ID GUID.`));
    return found;
  },
  auth0: (ctx) => {
    const found = one('auth0-resource-ignored', `${at(ctx)}: tokens get the audience ${ctx.prmResource ?? '(PRM resource)'} only if it is passed as 'audience' (or the compatibility profile is on).`);
    if (noRegistration(ctx.metadata)) found.push(...one('auth0-dcr-off', `${at(ctx)}: no registration_endpoint.`));
    else found.push(...one('auth0-dcr-third-party', `${at(ctx)}: registration_endpoint ${str(ctx.metadata.registration_endpoint) ?? ''} creates third-party apps.`));
    return found;
  },
  okta: (ctx) => {
    const found: DetectedQuirk[] = [];
    const path = URL.canParse(ctx.listedIssuer) ? new URL(ctx.listedIssuer).pathname : '';
    if (!/^\/oauth2\//.test(path)) found.push(...one('okta-org-as', `${at(ctx)}: the issuer has no /oauth2/<id> path, so it is the org authorization server.`));
    const registration = str(ctx.metadata.registration_endpoint);
    if (registration?.endsWith('/oauth2/v1/clients')) found.push(...one('okta-dcr-admin-token', `${at(ctx)}: registration_endpoint is ${registration}.`));
    found.push(...one('okta-audience-per-as', `${at(ctx)}: the token audience is the custom AS's configured Audience, whatever 'resource' says.`));
    return found;
  },
  keycloak: (ctx) => {
    const found = one('keycloak-audience-mapper', `${at(ctx)}: without an Audience mapper its tokens do not name ${ctx.prmResource ?? 'the MCP server'} in aud.`);
    const registration = str(ctx.metadata.registration_endpoint);
    if (registration !== undefined) found.push(...one('keycloak-dcr-policies', `${at(ctx)}: anonymous registration at ${registration} is subject to realm policies.`));
    if (ctx.foundAt === 'oidc-appended') found.push(...one('keycloak-realm-metadata', `${at(ctx)}: metadata answered only at the realm path (appended OIDC location).`));
    return found;
  },
  cognito: (ctx) => {
    const found = one('cognito-no-aud', `${at(ctx)}: its access tokens name the app client in client_id, not ${ctx.prmResource ?? 'the resource'} in aud.`);
    if (ctx.metadata.code_challenge_methods_supported === undefined) found.push(...one('cognito-pkce-unadvertised', `${at(ctx)}: code_challenge_methods_supported is absent.`));
    if (noRegistration(ctx.metadata)) found.push(...one('cognito-no-dcr', `${at(ctx)}: no registration_endpoint.`));
    if ((ctx.prmScopes ?? []).length === 0) found.push(...one('cognito-pool-scopes', `${at(ctx)}: the PRM has no scopes_supported.`));
    return found;
  },
  google: (ctx) => {
    const found: DetectedQuirk[] = [];
    const issuer = str(ctx.metadata.issuer);
    if (issuer !== undefined && issuer !== ctx.listedIssuer && issuer.replace(/\/$/, '') === ctx.listedIssuer.replace(/\/$/, '')) {
      found.push(...one('google-trailing-slash', `${at(ctx)}: PRM lists ${ctx.listedIssuer}, metadata says ${issuer}.`));
    }
    if (noRegistration(ctx.metadata)) found.push(...one('google-no-dcr', `${at(ctx)}: no registration_endpoint and no CIMD support.`));
    return found;
  },
  github: (ctx) => [
    ...(noRegistration(ctx.metadata) ? one('github-no-dcr', `${at(ctx)}: no registration_endpoint.`) : []),
    ...one('github-token-endpoint', `${at(ctx)}: token endpoint ${str(ctx.metadata.token_endpoint) ?? ''}.`),
  ],
  workos: (ctx) => (noRegistration(ctx.metadata) ? one('dcr-toggle-off', `${at(ctx)}: no registration_endpoint and no CIMD support.`) : []),
  stytch: (ctx) => (noRegistration(ctx.metadata) ? one('dcr-toggle-off', `${at(ctx)}: no registration_endpoint and no CIMD support.`) : []),
  descope: (ctx) => (noRegistration(ctx.metadata) ? one('dcr-toggle-off', `${at(ctx)}: no registration_endpoint and no CIMD support.`) : []),
  clerk: (ctx) => [
    ...(noRegistration(ctx.metadata) ? one('dcr-toggle-off', `${at(ctx)}: no registration_endpoint and no CIMD support.`) : []),
    ...one('clerk-no-aud', `${at(ctx)}: its JWT access tokens carry no aud.`),
  ],
  ory: (ctx) => one('ory-resource-ignored', `${at(ctx)}: 'resource' does not set the token audience here.`),
};

/** The catalogue quirks this server shows, for a recognised IdP, from metadata alone. */
export function detectQuirks(ctx: QuirkContext): DetectedQuirk[] {
  return DETECTORS[ctx.idp.id]?.(ctx) ?? [];
}
