import type { SecretLocation, StoreDocument } from './credential.js';

/**
 * The effects the credential store needs, injected so the core stays data in / data out.
 * src/platform/store/ provides the real ones (conf, a lock file, the keychain, a 0600 file).
 */

/** The non-secret metadata file. Writes replace the whole document, atomically. */
export interface MetadataFile {
  readonly path: string;
  /** The parsed document, or undefined when there is none yet. Validated by the caller. */
  read(): Promise<unknown>;
  write(document: StoreDocument): Promise<void>;
}

/**
 * One place secrets go. `account` names an entry ('credential:<id>', 'client:<issuer>').
 * The file backend does a read-modify-write of one file: callers hold the StoreLock.
 */
export interface SecretBackend {
  readonly location: SecretLocation;
  /** For humans: 'OS keychain (service mcpauth)' or the file path. */
  readonly description: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

/** Chooses a secret backend: the keychain when it works, else the file (with the reason). */
export interface SecretBackends {
  /** Where new secrets go. Probes the keychain once, lazily. */
  preferred(): Promise<SecretBackend>;
  /** The backend holding secrets saved earlier with this location. */
  forLocation(location: SecretLocation): Promise<SecretBackend>;
  /** Why the keychain is not used (after preferred() resolved to the file), else undefined. */
  fallbackReason(): string | undefined;
}

/** A cross-process mutual exclusion (a lock file): one holder at a time, bounded wait. */
export interface StoreLock {
  readonly path: string;
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export interface StoreDeps {
  metadata: MetadataFile;
  secrets: SecretBackends;
  lock: StoreLock;
  now: () => Date;
  /** The directory everything lives in (MCPAUTH_HOME or conf's config dir), for messages. */
  home: string;
  /** Where the file backend keeps secrets (used when the keychain is not). */
  secretFilePath: string;
}
