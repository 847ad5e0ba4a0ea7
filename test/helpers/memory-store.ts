import type { SecretLocation, StoreDocument } from '../../src/core/store/credential.js';
import type { SecretBackend, SecretBackends, StoreDeps } from '../../src/core/store/store-deps.js';

export interface MemoryStore {
  deps: StoreDeps;
  document(): unknown;
  secrets: Map<string, string>;
  lockRuns(): number;
}

/** In-memory store deps for core tests: a Map of secrets, a JSON document, a counting in-process lock. */
export function createMemoryStoreDeps(location: SecretLocation = 'file', now: () => Date = () => new Date()): MemoryStore {
  let document: unknown;
  let runs = 0;
  let chain: Promise<unknown> = Promise.resolve();
  const secrets = new Map<string, string>();
  const backend: SecretBackend = {
    location,
    description: `memory ${location}`,
    get: async (account) => secrets.get(account),
    set: async (account, value) => void secrets.set(account, value),
    delete: async (account) => secrets.delete(account),
  };
  const backends: SecretBackends = { preferred: async () => backend, forLocation: async () => backend, fallbackReason: () => undefined };
  const deps: StoreDeps = {
    home: '/memory',
    secretFilePath: '/memory/secrets.json',
    now,
    secrets: backends,
    metadata: {
      path: '/memory/credentials.json',
      read: async () => (document === undefined ? undefined : JSON.parse(JSON.stringify(document))),
      write: async (next: StoreDocument) => void (document = JSON.parse(JSON.stringify(next))),
    },
    lock: {
      path: '/memory/store.lock',
      run<T>(fn: () => Promise<T>): Promise<T> {
        runs += 1;
        const result = chain.then(fn);
        chain = result.catch(() => undefined);
        return result;
      },
    },
  };
  return { deps, document: () => document, secrets, lockRuns: () => runs };
}
