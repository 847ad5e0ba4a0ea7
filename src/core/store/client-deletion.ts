import type { StoredClientRegistration } from './credential.js';
import type { StoreFetch } from './credential-oauth.js';

/**
 * RFC 7592 §2.3: DELETE registration_client_uri with the registration access token; 204 means the
 * client is gone at the AS. Returns true, or why it could not be deleted (the registration stays there).
 * The token goes only back to the AS that issued it: the URI must share the origin of the issuer (or
 * of `alsoAllowed`, the AS's registration_endpoint when known), never some host the AS named.
 */
export async function deleteRegisteredClient(stored: StoredClientRegistration, fetch: StoreFetch, alsoAllowed: readonly unknown[] = []): Promise<true | string> {
  const { clientId, registrationClientUri: uri } = stored.registration;
  const token = stored.secrets.registrationAccessToken;
  if (uri === undefined || token === undefined) {
    return `the authorization server offered no RFC 7592 management (registration_client_uri and registration_access_token) for client ${clientId}, so it stays registered there`;
  }
  const origins = [stored.registration.issuer, ...alsoAllowed].filter((v): v is string => typeof v === 'string').map(originOf);
  if (!/^https?:/.test(originOf(uri)) || !origins.includes(originOf(uri))) {
    return `the AS gave a registration_client_uri on another origin (${originOf(uri)}, not ${originOf(stored.registration.issuer)}); mcpauth does not send the registration access token there, so client ${clientId} stays registered there`;
  }
  try {
    const response = await fetch(uri, { method: 'DELETE', headers: { authorization: `Bearer ${token}` }, label: 'client deletion (RFC 7592)' });
    if (response.status === 204) return true;
    return `the authorization server refused to delete client ${clientId} (HTTP ${response.status}); it stays registered there`;
  } catch (error) {
    return `deleting client ${clientId} failed (${error instanceof Error ? error.message : String(error)}); it stays registered there`;
  }
}

function originOf(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    return JSON.stringify(value.slice(0, 80));
  }
}
