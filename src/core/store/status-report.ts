import type { SecretLocation, StoredCredential } from './credential.js';
import type { StoreDescription } from './credential-store.js';

/** What `status` shows for one credential: metadata only, never a token. */
export interface CredentialStatus {
  serverUrl: string;
  resource: string;
  issuer: string;
  clientId: string;
  subject: string | undefined;
  scopes: string[];
  /** ISO time, undefined when the AS gave no expires_in. */
  accessTokenExpiresAt: string | undefined;
  /** Seconds until expiry (negative: expired ago); undefined when unknown. */
  expiresInSeconds: number | undefined;
  accessToken: 'valid' | 'expired' | 'unknown-expiry';
  refreshAvailable: boolean;
  /** A token can be had without logging in: valid now, or refreshable. */
  usable: boolean;
  secretLocation: SecretLocation;
  /** For humans: 'OS keychain' or the secret file path. */
  secretWhere: string;
  lastRefreshedAt: string | undefined;
}

export interface StatusReport {
  store: { home: string; metadataPath: string; secretFilePath: string };
  /** The URL asked about, when one was. */
  serverUrl: string | undefined;
  credentials: CredentialStatus[];
}

export function describeCredential(credential: StoredCredential, now: Date, store: Pick<StoreDescription, 'secretFilePath'>): CredentialStatus {
  const expiresAt = credential.accessTokenExpiresAt;
  const expiresInSeconds = expiresAt === undefined ? undefined : Math.round((Date.parse(expiresAt) - now.getTime()) / 1000);
  const accessToken = expiresInSeconds === undefined ? 'unknown-expiry' : expiresInSeconds > 0 ? 'valid' : 'expired';
  return {
    serverUrl: credential.serverUrl,
    resource: credential.resource,
    issuer: credential.issuer,
    clientId: credential.clientId,
    subject: credential.subject,
    scopes: credential.scopes,
    accessTokenExpiresAt: expiresAt,
    expiresInSeconds,
    accessToken,
    refreshAvailable: credential.refreshAvailable,
    usable: accessToken !== 'expired' || credential.refreshAvailable,
    secretLocation: credential.secretLocation,
    secretWhere: credential.secretLocation === 'keychain' ? 'OS keychain' : store.secretFilePath,
    lastRefreshedAt: credential.lastRefreshedAt,
  };
}

export function buildStatusReport(credentials: StoredCredential[], now: Date, store: StoreDescription, serverUrl?: string): StatusReport {
  return {
    store: { home: store.home, metadataPath: store.metadataPath, secretFilePath: store.secretFilePath },
    serverUrl,
    credentials: credentials.map((credential) => describeCredential(credential, now, store)),
  };
}
