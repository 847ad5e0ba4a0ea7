import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import { idpErrorHint } from '../idp/index.js';
import type { ClientRegistration, RegistrationMethod, StoredClientRegistration } from '../store/credential.js';
import { oauthOptions, type FlowHttp } from './oauth-options.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** The client the flow runs as. */
export interface ClientIdentity {
  clientId: string;
  method: RegistrationMethod;
  tokenEndpointAuthMethod: string;
  clientSecret?: string;
  /** A DCR registration that was just made (to be saved per issuer) or reused from the store. */
  registration?: { record: ClientRegistration; secret?: string; registrationAccessToken?: string; reused: boolean };
}

export interface IdentityInputs {
  as: oauth.AuthorizationServer;
  preregistered?: { clientId: string; clientSecret?: string };
  metadataUrl?: string;
  redirectUri: string;
  wantDevice: boolean;
  stored?: StoredClientRegistration;
  /** Skip a stored registration (after invalid_client). */
  forceRegister?: boolean;
  /** The recognised IdP's own "create an app" steps with the exact redirect URIs (core/idp). */
  createAppHint?: string;
  /** `scope` for the RFC 7591 body, only where the IdP needs it (core/idp registrationScopeFor). */
  registrationScope?: string;
  /** The loopback port is chosen by the user (--port) or pinned, not a random free one. */
  portFixed?: boolean;
  now: Date;
}

/** A suggested fixed loopback port, the same one `setup` writes for clients that take a callback port. */
export const SUGGESTED_CALLBACK_PORT = 19876;

/**
 * Where to register mcpauth by hand. A random loopback port changes every run, so the advice names a
 * fixed one with --port, and explains RFC 8252 §7.3 (loopback redirect URIs match on any port).
 */
export function registrationHint(redirectUri: string, portFixed: boolean): string {
  const then = 'then pass --client-id (and --client-secret-env/--client-secret-file/--client-secret-stdin), or --client-metadata-url';
  const url = URL.canParse(redirectUri) ? new URL(redirectUri) : undefined;
  if (portFixed || url === undefined || !['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)) return `Register a client there with the redirect URI ${redirectUri}, ${then}.`;
  url.port = String(SUGGESTED_CALLBACK_PORT);
  const anyPort = new URL(url.href);
  anyPort.port = '';
  return `Register a client there with the redirect URI ${url.href} and log in with --port ${SUGGESTED_CALLBACK_PORT} (without --port the port is random and changes every run; an authorization server that matches loopback redirect URIs on any port, as RFC 8252 §7.3 requires, also accepts ${anyPort.href}), ${then}.`;
}

function supports(list: unknown, value: string): boolean {
  return Array.isArray(list) && list.includes(value);
}

/** RFC 8414 §2: token_endpoint_auth_methods_supported defaults to client_secret_basic when absent. */
function preregisteredMethod(as: oauth.AuthorizationServer, secret: string | undefined): string {
  if (secret === undefined) return 'none';
  const methods = as.token_endpoint_auth_methods_supported;
  if (!Array.isArray(methods) || methods.includes('client_secret_basic')) return 'client_secret_basic';
  return methods.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic';
}

/** Whether the stored registration can be used for this flow (same redirect URI, needed grant). */
function reusable(stored: StoredClientRegistration | undefined, inputs: IdentityInputs): stored is StoredClientRegistration {
  if (!stored || inputs.forceRegister || stored.registration.method !== 'dcr') return false;
  const { registration } = stored;
  if (inputs.wantDevice) return registration.grantTypes?.includes(DEVICE_CODE_GRANT) === true;
  return registration.redirectUris.includes(inputs.redirectUri);
}

/**
 * MCP 2025-11-25 priority order [25-11 L204-209]: pre-registered, then a Client ID Metadata Document
 * when the AS advertises client_id_metadata_document_supported, then Dynamic Client Registration,
 * else a clear error naming the flags.
 */
export async function resolveClientIdentity(inputs: IdentityInputs, http: FlowHttp): Promise<ClientIdentity> {
  const { as } = inputs;
  if (inputs.preregistered) {
    const { clientId, clientSecret } = inputs.preregistered;
    const identity: ClientIdentity = { clientId, method: 'pre-registered', tokenEndpointAuthMethod: preregisteredMethod(as, clientSecret) };
    if (clientSecret !== undefined) identity.clientSecret = clientSecret;
    return identity;
  }
  if (inputs.metadataUrl !== undefined && as.client_id_metadata_document_supported === true) {
    // CIMD draft §4.1: a metadata-document client is public (no shared secrets).
    return { clientId: inputs.metadataUrl, method: 'cimd', tokenEndpointAuthMethod: 'none' };
  }
  if (reusable(inputs.stored, inputs)) {
    const { registration, secrets } = inputs.stored;
    const identity: ClientIdentity = {
      clientId: registration.clientId,
      method: 'dcr',
      tokenEndpointAuthMethod: registration.tokenEndpointAuthMethod,
      registration: { record: registration, secret: secrets.clientSecret, reused: true },
    };
    if (secrets.clientSecret !== undefined) identity.clientSecret = secrets.clientSecret;
    return identity;
  }
  if (typeof as.registration_endpoint === 'string') return registerClient(inputs, http);
  throw new CliError('usage', `the authorization server ${as.issuer} offers no way to register mcpauth automatically (no Client ID Metadata Document support, no registration_endpoint).`, {
    hint: inputs.createAppHint ?? registrationHint(inputs.redirectUri, inputs.portFixed === true),
  });
}

/** RFC 7591 registration of a public native client (SEP-837: application_type MUST be given). */
async function registerClient(inputs: IdentityInputs, http: FlowHttp): Promise<ClientIdentity> {
  const { as } = inputs;
  const grantTypes = ['authorization_code', 'refresh_token'];
  if (inputs.wantDevice || supports(as.grant_types_supported, DEVICE_CODE_GRANT)) grantTypes.push(DEVICE_CODE_GRANT);
  const metadata = {
    client_name: 'mcpauth',
    application_type: 'native',
    redirect_uris: [inputs.redirectUri],
    grant_types: grantTypes,
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    ...(inputs.registrationScope === undefined ? {} : { scope: inputs.registrationScope }),
  };
  let client: oauth.Client;
  try {
    const response = await oauth.dynamicClientRegistrationRequest(as, metadata, oauthOptions(as.registration_endpoint, http, 'dynamic client registration'));
    client = await processRegistration(response);
  } catch (error) {
    if (!(error instanceof oauth.ResponseBodyError || error instanceof oauth.OperationProcessingError)) throw error;
    const what = error instanceof oauth.ResponseBodyError ? `${error.error}${error.error_description ? `: ${error.error_description}` : ''}` : error.message;
    throw new CliError('auth', `dynamic client registration at ${String(as.registration_endpoint)} failed: ${what}.`, {
      hint: idpErrorHint(what) ?? inputs.createAppHint ?? 'Register a client by hand and pass --client-id, or --client-metadata-url if the server supports it.',
      cause: error,
    });
  }
  const secret = typeof client.client_secret === 'string' ? client.client_secret : undefined;
  // RFC 7591 §3.2.1: the response is what the AS registered; its auth method wins over our request.
  const method = typeof client.token_endpoint_auth_method === 'string' ? client.token_endpoint_auth_method : secret ? 'client_secret_basic' : 'none';
  const record: ClientRegistration = {
    issuer: as.issuer,
    clientId: client.client_id,
    method: 'dcr',
    tokenEndpointAuthMethod: method,
    redirectUris: Array.isArray(client.redirect_uris) ? (client.redirect_uris as string[]) : [inputs.redirectUri],
    grantTypes: Array.isArray(client.grant_types) ? (client.grant_types as string[]) : grantTypes,
    registeredAt: inputs.now.toISOString(),
    hasClientSecret: secret !== undefined,
  };
  if (typeof client.client_secret_expires_at === 'number') record.clientSecretExpiresAt = client.client_secret_expires_at;
  // RFC 7592 §3: kept so `rotate --client` can later delete this client at the AS.
  if (typeof client.registration_client_uri === 'string') record.registrationClientUri = client.registration_client_uri;
  const registrationAccessToken = typeof client.registration_access_token === 'string' ? client.registration_access_token : undefined;
  const registration = { record, secret, reused: false, ...(registrationAccessToken === undefined ? {} : { registrationAccessToken }) };
  const identity: ClientIdentity = { clientId: client.client_id, method: 'dcr', tokenEndpointAuthMethod: method, registration };
  if (secret !== undefined) identity.clientSecret = secret;
  return identity;
}

/**
 * oauth4webapi's strict check, with one tolerance: ASes (the conformance mock among them) issue a
 * secret without the RFC 7591 §3.2.1 client_secret_expires_at. A usable client_id in a 2xx JSON
 * answer is taken; anything else keeps the library's error.
 */
async function processRegistration(response: Response): Promise<oauth.Client> {
  const copy = response.clone();
  try {
    return await oauth.processDynamicClientRegistrationResponse(response);
  } catch (error) {
    if (!(error instanceof oauth.OperationProcessingError) || !copy.ok) throw error;
    const body = (await copy.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (typeof body?.client_id !== 'string' || body.client_id === '' || 'client_secret_expires_at' in body) throw error;
    return body as oauth.Client;
  }
}
