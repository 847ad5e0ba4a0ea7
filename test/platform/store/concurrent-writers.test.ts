import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../../src/platform/store/open-store.js';
import { runTsx } from './spawn-tsx.js';

const CHILD = fileURLToPath(new URL('./fixtures/save-child.ts', import.meta.url));
const WRITERS = 6;
const PER_WRITER = 5;
let home = '';

afterEach(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('concurrent logins in separate processes', () => {
  it(`${WRITERS} processes saving ${PER_WRITER} credentials each leave a valid store with every entry`, async () => {
    home = await mkdtemp(join(tmpdir(), 'mcpauth-writers-'));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => runTsx(CHILD, [home, String(writer), String(PER_WRITER)])));
    const elapsed = Math.round(performance.now() - started);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0, stdout: 'done\n' });

    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    const all = await store.list();
    expect(all).toHaveLength(WRITERS * PER_WRITER);
    for (const credential of all) {
      const [, writer, index] = /^https:\/\/mcp(\d+)\.example\.com\/mcp(\d+)$/.exec(credential.serverUrl) ?? [];
      expect(await store.readSecrets(credential)).toEqual({ accessToken: `at-${writer}-${index}`, refreshToken: `rt-${writer}-${index}` });
    }
    JSON.parse(await readFile(join(home, 'credentials.json'), 'utf8'));
    JSON.parse(await readFile(join(home, 'secrets.json'), 'utf8'));
    // No lock or temp file left behind, modes intact.
    expect((await readdir(home)).sort()).toEqual(['credentials.json', 'secrets.json']);
    expect((await stat(join(home, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(home)).mode & 0o777).toBe(0o700);
    process.stderr.write(`concurrent writers: ${WRITERS} processes x ${PER_WRITER} saves = ${all.length} entries in ${elapsed} ms\n`);
  }, 60_000);
});
