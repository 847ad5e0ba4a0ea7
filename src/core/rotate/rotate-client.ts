import * as oauth from 'oauth4webapi';
import { discoverAuthorizationServer } from '../discovery/index.js';
import { oauthOptions, type FlowHttp } from '../flows/oauth-options.js';
import type { ClientRegistration, StoredClientRegistration, StoredCredential } from '../store/credential.js';
import type { CredentialStore } from '../store/credential-store.js';
import { deleteRegisteredClient } from '../store/client-deletion.js';
import { loginCommandFor } from './rotation-report.js';

export interface ClientRotationDeps extends FlowHttp {
  store: CredentialStore;
  now: () => Date;
}

/**
 * - replaced: a new client is registered and the old one deleted at the AS (RFC 7592 §2.3);
 * - registered-old-kept: new client registered, but the old one could not be deleted (reason says why);
 * - not-possible: nothing changed (not a dynamic client, or the AS offers no registration).
 */
export type ClientRotationStatus = 'replaced' | 'registered-old-kept' | 'not-possible';

export interface ClientRotationReport {
  serverUrl: string;
  issuer: string;
  status: ClientRotationStatus;
  oldClientId: string;
  newClientId?: string;
  /** Why the old client stays, or why nothing was done. */
  reason?: string;
  /** Refresh tokens are bound to the client that got them (RFC 6749 §6): a new client needs a new login. */
  loginCommand?: string;
}

/** Registers a replacement for the dynamic client a credential uses, then deletes the old one. */
export async function rotateClient(credential: StoredCredential, deps: ClientRotationDeps): Promise<ClientRotationReport> {
  const base = { serverUrl: credential.serverUrl, issuer: credential.issuer, oldClientId: credential.clientId };
  if (credential.registrationMethod !== 'dcr') {
    const how = credential.registrationMethod === 'cimd' ? 'a Client ID Metadata Document (its URL is the client_id; change the document instead)' : 'hand (pre-registered): replace it in the AS console';
    return { ...base, status: 'not-possible', reason: `this client was not registered dynamically but by ${how}.` };
  }
  const discovery = await discoverAuthorizationServer(credential.issuer, {}, { fetch: deps.fetch });
  const as = discovery.issuerMatch?.kind === 'exact' ? discovery.metadata : undefined;
  if (!as || typeof as.registration_endpoint !== 'string') {
    return { ...base, status: 'not-possible', reason: `the authorization server ${credential.issuer} ${as ? 'offers no registration_endpoint' : 'metadata could not be read'}, so no new client can be registered.` };
  }
  const stored = await deps.store.getClientRegistration(credential.issuer);
  const created = await register(as, stored, deps);
  await deps.store.saveClientRegistration(created.record, created.secrets);
  const deleted = await deleteOld(credential.clientId, stored, as, deps);
  const next = { ...base, newClientId: created.record.clientId, loginCommand: loginCommandFor(credential.serverUrl) };
  return deleted === true ? { ...next, status: 'replaced' } : { ...next, status: 'registered-old-kept', reason: deleted };
}

interface CreatedClient {
  record: Omit<ClientRegistration, 'hasClientSecret' | 'secretLocation'>;
  secrets: { clientSecret?: string; registrationAccessToken?: string };
}

/** Same redirect URIs and grants as the client it replaces, so `login` reuses it as it did the old one. */
async function register(as: oauth.AuthorizationServer, stored: StoredClientRegistration | undefined, deps: ClientRotationDeps): Promise<CreatedClient> {
  const old = stored?.registration;
  const metadata = {
    client_name: 'mcpauth',
    application_type: 'native',
    redirect_uris: old?.redirectUris ?? ['http://127.0.0.1/callback'],
    grant_types: old?.grantTypes ?? ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: old?.tokenEndpointAuthMethod ?? 'none',
  };
  const response = await oauth.dynamicClientRegistrationRequest(as, metadata, oauthOptions(String(as.registration_endpoint), deps, 'dynamic client registration'));
  const client = await oauth.processDynamicClientRegistrationResponse(response);
  const record: CreatedClient['record'] = {
    issuer: as.issuer,
    clientId: client.client_id,
    method: 'dcr',
    tokenEndpointAuthMethod: typeof client.token_endpoint_auth_method === 'string' ? client.token_endpoint_auth_method : metadata.token_endpoint_auth_method,
    redirectUris: Array.isArray(client.redirect_uris) ? (client.redirect_uris as string[]) : metadata.redirect_uris,
    grantTypes: Array.isArray(client.grant_types) ? (client.grant_types as string[]) : metadata.grant_types,
    registeredAt: deps.now().toISOString(),
  };
  // RFC 7592 §3: these two let a later `rotate --client` delete this client in turn.
  if (typeof client.registration_client_uri === 'string') record.registrationClientUri = client.registration_client_uri;
  const secrets: CreatedClient['secrets'] = {};
  if (typeof client.registration_access_token === 'string') secrets.registrationAccessToken = client.registration_access_token;
  if (typeof client.client_secret === 'string') secrets.clientSecret = client.client_secret;
  return { record, secrets };
}

/** The old client's RFC 7592 deletion, only when the stored registration is that client. */
async function deleteOld(clientId: string, stored: StoredClientRegistration | undefined, as: oauth.AuthorizationServer, deps: ClientRotationDeps): Promise<true | string> {
  const same = stored?.registration.clientId === clientId ? stored : undefined;
  if (same?.registration.registrationClientUri === undefined || same.secrets.registrationAccessToken === undefined) {
    return `the old client ${clientId} cannot be deleted: its registration kept no RFC 7592 registration_client_uri and registration_access_token (the AS did not return them, or it was registered before mcpauth kept them). It stays registered at the AS; ask its administrator to remove it.`;
  }
  const deleted = await deleteRegisteredClient(same, deps.fetch, [as.registration_endpoint]);
  return deleted === true ? true : `${deleted}.`;
}
