import type { ClientRegistration, StoreDocument, StoredCredential } from './credential.js';
import { matchesServer } from './server-url-match.js';

/** Pure operations on the metadata document; the store wraps them in a lock and a write. */

export function emptyStoreDocument(): StoreDocument {
  return { version: 1, credentials: {}, clients: {} };
}

/** The store key. Issuer first: SEP-2352 binds credentials to the AS that issued them. */
export function credentialId(issuer: string, resource: string): string {
  return `${issuer} ${resource}`;
}

export function credentialSecretAccount(id: string): string {
  return `credential:${id}`;
}

export function clientSecretAccount(issuer: string): string {
  return `client:${issuer}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCredential(value: unknown): value is StoredCredential {
  return isRecord(value) && typeof value.id === 'string' && typeof value.issuer === 'string' && typeof value.resource === 'string'
    && typeof value.serverUrl === 'string' && typeof value.tokenEndpoint === 'string';
}

function isRegistration(value: unknown): value is ClientRegistration {
  return isRecord(value) && typeof value.issuer === 'string' && typeof value.clientId === 'string';
}

/**
 * Reads what the metadata file held. Entries that do not look like ours are dropped rather than
 * trusted; a document from a newer version is refused so it is never overwritten by an older one.
 */
export function parseStoreDocument(raw: unknown): StoreDocument {
  if (raw === undefined || (isRecord(raw) && Object.keys(raw).length === 0)) return emptyStoreDocument();
  if (!isRecord(raw) || raw.version !== 1) {
    throw new Error(`unsupported credential store format (version ${isRecord(raw) ? String(raw.version) : typeof raw})`);
  }
  const document = emptyStoreDocument();
  for (const value of Object.values(isRecord(raw.credentials) ? raw.credentials : {})) {
    if (isCredential(value)) document.credentials[value.id] = value;
  }
  for (const value of Object.values(isRecord(raw.clients) ? raw.clients : {})) {
    if (isRegistration(value)) document.clients[value.issuer] = value;
  }
  return document;
}

/** Every credential, newest first. */
export function listCredentials(document: StoreDocument): StoredCredential[] {
  return Object.values(document.credentials).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
}

/** Credentials for a typed server URL (canonical comparison), newest first. */
export function findCredentials(document: StoreDocument, serverUrl: string): StoredCredential[] {
  return listCredentials(document).filter((credential) => matchesServer(serverUrl, credential));
}

export function withCredential(document: StoreDocument, credential: StoredCredential): StoreDocument {
  return { ...document, credentials: { ...document.credentials, [credential.id]: credential } };
}

export function withoutCredential(document: StoreDocument, id: string): StoreDocument {
  const credentials = { ...document.credentials };
  delete credentials[id];
  return { ...document, credentials };
}

export function withClientRegistration(document: StoreDocument, registration: ClientRegistration): StoreDocument {
  return { ...document, clients: { ...document.clients, [registration.issuer]: registration } };
}

export function withoutClientRegistration(document: StoreDocument, issuer: string): StoreDocument {
  const clients = { ...document.clients };
  delete clients[issuer];
  return { ...document, clients };
}
