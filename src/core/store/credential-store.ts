import type {
  ClientRegistration,
  ClientRegistrationSecrets,
  CredentialSecrets,
  SaveCredentialInput,
  SecretLocation,
  StoredClientRegistration,
  StoredCredential,
} from './credential.js';
import type { StoreDeps } from './store-deps.js';
import {
  clientSecretAccount,
  credentialId,
  credentialSecretAccount,
  findCredentials,
  listCredentials,
  parseStoreDocument,
  withClientRegistration,
  withoutClientRegistration,
  withCredential,
  withoutCredential,
} from './store-document.js';
import { parseSecrets } from './secret-payload.js';
import { CliError } from '../../errors.js';

/** Reads and writes of the store; inside `transaction` they run under the cross-process lock. */
export interface StoreTransaction {
  list(): Promise<StoredCredential[]>;
  /** The newest credential whose server URL or resource matches (canonical comparison). */
  find(serverUrl: string): Promise<StoredCredential | undefined>;
  findAll(serverUrl: string): Promise<StoredCredential[]>;
  get(id: string): Promise<StoredCredential | undefined>;
  readSecrets(credential: StoredCredential): Promise<CredentialSecrets>;
  /** Creates or replaces the entry for input.issuer + input.resource: secrets first, then metadata. */
  save(input: SaveCredentialInput): Promise<StoredCredential>;
  /** Deletes metadata and secrets; false when there was no such entry. */
  remove(id: string): Promise<boolean>;
  getClientRegistration(issuer: string): Promise<StoredClientRegistration | undefined>;
  saveClientRegistration(registration: Omit<ClientRegistration, 'hasClientSecret' | 'secretLocation'>, secrets?: ClientRegistrationSecrets): Promise<ClientRegistration>;
  /** Forgets the registration kept for an issuer (and its secrets); false when there was none. */
  removeClientRegistration(issuer: string): Promise<boolean>;
}

export interface CredentialStore extends StoreTransaction {
  /** Runs fn holding the store lock (one process at a time); fn must use `tx`, not the store. */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  describe(): StoreDescription;
}

export interface StoreDescription {
  home: string;
  metadataPath: string;
  lockPath: string;
  secretFilePath: string;
  /** Known once a secret was read or written: why the keychain is not used. */
  keychainFallbackReason: string | undefined;
}

export function createCredentialStore(deps: StoreDeps): CredentialStore {
  const tx = createUnlockedTransaction(deps);
  const locked = <T>(fn: (t: StoreTransaction) => Promise<T>): Promise<T> => deps.lock.run(() => fn(tx));
  return {
    // Reads need no lock: every write is a whole-file atomic rename, so a reader sees old or new.
    list: tx.list,
    find: tx.find,
    findAll: tx.findAll,
    get: tx.get,
    readSecrets: tx.readSecrets,
    save: (input) => locked((t) => t.save(input)),
    remove: (id) => locked((t) => t.remove(id)),
    getClientRegistration: tx.getClientRegistration,
    saveClientRegistration: (registration, secrets) => locked((t) => t.saveClientRegistration(registration, secrets)),
    removeClientRegistration: (issuer) => locked((t) => t.removeClientRegistration(issuer)),
    transaction: locked,
    describe: () => ({
      home: deps.home,
      metadataPath: deps.metadata.path,
      lockPath: deps.lock.path,
      secretFilePath: deps.secretFilePath,
      keychainFallbackReason: deps.secrets.fallbackReason(),
    }),
  };
}

function createUnlockedTransaction(deps: StoreDeps): StoreTransaction {
  const load = async () => {
    const raw = await deps.metadata.read();
    try {
      return parseStoreDocument(raw);
    } catch (error) {
      // A newer mcpauth's store (or someone else's file): refused, never overwritten by this version.
      throw new CliError('usage', `the credential store ${deps.metadata.path} cannot be used: ${error instanceof Error ? error.message : String(error)}; it was left as it is.`, {
        hint: 'Use the mcpauth version that wrote it, or move the file aside and log in again.',
        cause: error,
      });
    }
  };
  const secretsAt = (location: SecretLocation) => deps.secrets.forLocation(location);

  async function save(input: SaveCredentialInput): Promise<StoredCredential> {
    const { secrets, ...metadata } = input;
    const id = credentialId(input.issuer, input.resource);
    const document = await load();
    const previous = document.credentials[id];
    const backend = await deps.secrets.preferred();
    // Secrets first: metadata must never point at a secret that is not there yet.
    await backend.set(credentialSecretAccount(id), JSON.stringify(secrets));
    const now = deps.now().toISOString();
    const credential: StoredCredential = {
      ...metadata,
      id,
      refreshAvailable: secrets.refreshToken !== undefined,
      secretLocation: backend.location,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await deps.metadata.write(withCredential(document, credential));
    if (previous && previous.secretLocation !== backend.location) {
      await (await secretsAt(previous.secretLocation)).delete(credentialSecretAccount(id)).catch(() => false);
    }
    return credential;
  }

  async function remove(id: string): Promise<boolean> {
    const document = await load();
    const credential = document.credentials[id];
    if (!credential) return false;
    // Metadata first: a leftover secret without metadata is harmless, the reverse is a broken entry.
    await deps.metadata.write(withoutCredential(document, id));
    await (await secretsAt(credential.secretLocation)).delete(credentialSecretAccount(id));
    return true;
  }

  async function readSecrets(credential: StoredCredential): Promise<CredentialSecrets> {
    const backend = await secretsAt(credential.secretLocation);
    const raw = await backend.get(credentialSecretAccount(credential.id));
    return parseSecrets(raw, `the secrets of ${credential.serverUrl} (${backend.description})`);
  }

  async function getClientRegistration(issuer: string): Promise<StoredClientRegistration | undefined> {
    const registration = (await load()).clients[issuer];
    if (!registration) return undefined;
    // secretLocation is set whenever a client secret OR an RFC 7592 registration access token was stored.
    if (!registration.secretLocation) return { registration, secrets: {} };
    const raw = await (await secretsAt(registration.secretLocation)).get(clientSecretAccount(issuer));
    return { registration, secrets: raw === undefined ? {} : (JSON.parse(raw) as ClientRegistrationSecrets) };
  }

  async function saveClientRegistration(
    input: Omit<ClientRegistration, 'hasClientSecret' | 'secretLocation'>,
    secrets: ClientRegistrationSecrets = {},
  ): Promise<ClientRegistration> {
    const document = await load();
    const hasSecret = secrets.clientSecret !== undefined || secrets.registrationAccessToken !== undefined;
    let registration: ClientRegistration = { ...input, hasClientSecret: secrets.clientSecret !== undefined };
    if (hasSecret) {
      const backend = await deps.secrets.preferred();
      await backend.set(clientSecretAccount(input.issuer), JSON.stringify(secrets));
      registration = { ...registration, secretLocation: backend.location };
    }
    await deps.metadata.write(withClientRegistration(document, registration));
    return registration;
  }

  async function removeClientRegistration(issuer: string): Promise<boolean> {
    const document = await load();
    const registration = document.clients[issuer];
    if (!registration) return false;
    await deps.metadata.write(withoutClientRegistration(document, issuer));
    if (registration.secretLocation) await (await secretsAt(registration.secretLocation)).delete(clientSecretAccount(issuer)).catch(() => false);
    return true;
  }

  return {
    list: async () => listCredentials(await load()),
    find: async (serverUrl) => findCredentials(await load(), serverUrl)[0],
    findAll: async (serverUrl) => findCredentials(await load(), serverUrl),
    get: async (id) => (await load()).credentials[id],
    readSecrets,
    save,
    remove,
    getClientRegistration,
    saveClientRegistration,
    removeClientRegistration,
  };
}
