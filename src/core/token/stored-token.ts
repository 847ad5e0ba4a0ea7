import type { StoredCredential } from '../store/credential.js';
import type { CredentialStore } from '../store/credential-store.js';

export interface StoredToken {
  accessToken: string;
  credential: StoredCredential;
  /** The stored client's secret, when it is confidential: usable for introspection (RFC 7662 §2.1). */
  clientSecret: string | undefined;
}

/**
 * The access token stored for a server, exactly as stored: never refreshed here, because `token inspect`
 * must show the token the next call would present, expired or not.
 */
export async function readStoredToken(store: Pick<CredentialStore, 'find' | 'readSecrets'>, serverUrl: string): Promise<StoredToken | undefined> {
  const credential = await store.find(serverUrl);
  if (credential === undefined) return undefined;
  const secrets = await store.readSecrets(credential);
  return { accessToken: secrets.accessToken, credential, clientSecret: secrets.clientSecret };
}
