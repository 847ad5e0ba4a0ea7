import type { HarnessKnobs } from '../harness.js';
import { startSimulatedHarness, type IdpSimulator } from './simulator.js';

/**
 * Microsoft Entra ID v2, single tenant (idp-quirks.md §1), on oidc-provider. Known deviation: the
 * endpoints live under the issuer path (/{tenant}/v2.0/oauth2/v2.0/…) instead of /{tenant}/oauth2/v2.0/…,
 * because oidc-provider mounts every route under its issuer.
 */
export const ENTRA_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ENTRA_API_APP = '3c1f2b7e-5d0a-4c3e-9f1b-6a7d8e9f0a1b';
export const ENTRA_APP_ID_URI = `api://${ENTRA_API_APP}`;
export const ENTRA_CLIENT_ID = '0e8c4a52-1b7d-4f3a-8c2e-9d5b6a7c8e9f';
/** Microsoft Graph's app id: a bare scope resolves against it (§1, claude-code#89438). */
const GRAPH = '00000003-0000-0000-c000-000000000000';

export interface EntraOptions {
  /** The API app's identifier URI; set it to the MCP URL to reproduce "works when App ID URI == MCP URL". */
  appIdUri?: string;
  /** The /common authority, whose metadata issuer is the `{tenantid}` template (§1 row 6, codex#38973). */
  multiTenant?: boolean;
}

export function entraKnobs(options: EntraOptions = {}): HarnessKnobs {
  const appIdUri = options.appIdUri ?? ENTRA_APP_ID_URI;
  const scopes = [`${appIdUri}/mcp.tools`, `${appIdUri}/mcp.admin`];
  return {
    as: {
      issuerPath: options.multiTenant ? '/common/v2.0' : `/${ENTRA_TENANT}/v2.0`,
      // §1 Shape: OIDC discovery only, at /{tenant}/v2.0/.well-known/openid-configuration (zuplo IdP table).
      metadataLocation: ['oidc-appended'],
      // §1: no code_challenge_methods_supported although S256 works (vercel/ai#18674, vscode#248775); S256 still enforced.
      pkceMethods: null,
      // §1: no registration_endpoint (claude-code#2527, Azure/azure-mcp#995).
      registration: false,
      metadataOverrides: {
        // §16 signature: Entra-only fields (vscode#248775 metadata dump).
        cloud_instance_name: 'microsoftonline.com',
        msgraph_host: 'graph.microsoft.com',
        tenant_region_scope: 'EU',
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        authorization_response_iss_parameter_supported: null,
      },
      authorizationResponseIssParameter: false,
      clients: [
        // §1 row "Loopback redirect": a Mobile-and-desktop registration of http://localhost matches any port.
        { client_id: ENTRA_CLIENT_ID, application_type: 'native', redirect_uris: ['http://localhost/callback'], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] },
      ],
      simulate: {
        routes: { authorization: '/oauth2/v2.0/authorize', token: '/oauth2/v2.0/token', device_authorization: '/oauth2/v2.0/devicecode', jwks: '/discovery/v2.0/keys' },
        // §1 row 1 (claude-code#73460, claude-ai-mcp#514): `resource` is rejected unless it is the App ID URI owning the scopes.
        resourceServer: (resource, invalidTarget) => {
          if (resource === appIdUri) return { audience: ENTRA_API_APP, scopes };
          if (resource === GRAPH) throw invalidTarget(`AADSTS650053: The application asked for scope that doesn't exist on the resource '${GRAPH}'.`);
          throw invalidTarget("AADSTS9010010: The resource parameter provided in the request doesn't match with the requested scopes.");
        },
        // Entra takes offline_access again on a refresh's scope; oidc-provider does not (the refresh
        // token's scope lacks it), so the simulator drops it there: a harness limitation, not Entra's.
        rewriteParams: (endpoint, params) => {
          const scope = params.get('scope');
          if (endpoint === 'token' && params.get('grant_type') === 'refresh_token' && scope !== null) params.set('scope', scope.split(' ').filter((s) => s !== 'offline_access').join(' '));
        },
        // Without `resource` the audience comes from the scopes' App ID URI; bare scopes mean Graph (§1 row "scope is mandatory").
        defaultResource: (scope) => (scope?.split(' ').some((s) => s.startsWith(`${appIdUri}/`)) ? appIdUri : GRAPH),
        // §1 row 3 (csharp-sdk PR#1801): v2 tokens carry aud = the API's client-ID GUID, ver 2.0, tid, scp.
        jwtClaims: (payload) => {
          payload.ver = '2.0';
          payload.tid = ENTRA_TENANT;
          payload.azp = payload.client_id;
          if (typeof payload.scope === 'string') payload.scp = payload.scope.split(' ').map((s) => s.slice(s.lastIndexOf('/') + 1)).join(' ');
        },
      },
    },
    // The MCP server validates what an Entra-protected API must: aud = the API GUID (§1 row 3 FIX).
    mcp: { verify: { audience: ENTRA_API_APP }, requiredScopes: [scopes[0] as string], adminScope: scopes[1] as string },
  };
}

export async function startEntraSimulator(options: EntraOptions = {}): Promise<IdpSimulator> {
  const sim = await startSimulatedHarness('entra', entraKnobs(options), { clientId: ENTRA_CLIENT_ID });
  // /common/v2.0 advertises https://login.microsoftonline.com/{tenantid}/v2.0 (django-bastion#38).
  if (options.multiTenant) sim.as.knobs.issuerOverride = `${sim.as.url}/{tenantid}/v2.0`;
  return sim;
}
