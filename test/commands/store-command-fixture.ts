import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli.js';
import type { CredentialStore } from '../../src/core/store/credential-store.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import type { Harness } from '../harness/index.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { storeEnv } from '../helpers/obtain-tokens.js';

/** A throw-away MCPAUTH_HOME, its store, and a CLI runner bound to it (fixed clock). */
export interface StoreCommandFixture {
  home: string;
  env: Record<string, string>;
  store: CredentialStore;
  run(argv: string[], options?: { tty?: boolean }): Promise<{ code: number; out: string; err: string }>;
  cleanup(): Promise<void>;
}

export async function createStoreCommandFixture(now: Date): Promise<StoreCommandFixture> {
  const home = await mkdtemp(join(tmpdir(), 'mcpauth-cmd-'));
  const env = storeEnv(home);
  const store = await openCredentialStore({ env, now: () => now });
  return {
    home,
    env,
    store,
    async run(argv, options = {}) {
      const deps = createTestDeps({ env: options.tty ? { ...env, FORCE_COLOR: '1' } : env, now: () => now, tty: options.tty });
      const code = await runCli(argv, deps);
      return { code, out: deps.io.out(), err: deps.io.err() };
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

/** Ports, the AS/MCP origins and the temp home replaced so snapshots are stable. */
export function normalizeStoreOutput(text: string, h: Harness, home: string): string {
  return text.replaceAll(home, '<HOME>').replaceAll(h.issuer, 'http://AS').replaceAll(h.mcpUrl.replace(/\/mcp$/, ''), 'http://MCP');
}
