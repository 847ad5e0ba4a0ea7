import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, readPrivateFile, writeFileAtomic } from '../../../src/platform/store/private-files.js';
import { openCredentialStore } from '../../../src/platform/store/open-store.js';

let root = '';
const mode = async (path: string) => (await stat(path)).mode & 0o777;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcpauth-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('private files', () => {
  it('creates the directory 0700 and re-tightens an existing loose one', async () => {
    const dir = join(root, 'a', 'b');
    await ensurePrivateDir(dir);
    expect(await mode(dir)).toBe(0o700);
    await chmod(dir, 0o755);
    await ensurePrivateDir(dir);
    expect(await mode(dir)).toBe(0o700);
  });

  it('writes files 0600 and re-tightens a loosened file when reading it', async () => {
    const file = join(root, 'secrets.json');
    await writeFileAtomic(file, 'one');
    expect(await mode(file)).toBe(0o600);
    await chmod(file, 0o644);
    expect(await readPrivateFile(file)).toBe('one');
    expect(await mode(file)).toBe(0o600);
    expect(await readPrivateFile(join(root, 'absent'))).toBeUndefined();
  });

  it('never lets a reader see a partial file, and leaves no temp files', async () => {
    const file = join(root, 'big.json');
    const versions = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(2_000_000));
    await writeFileAtomic(file, versions[0] ?? '');
    let writing = true;
    const seen = new Set<number>();
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8');
        expect(versions.includes(text)).toBe(true);
        seen.add(text.length);
      }
    })();
    for (let round = 0; round < 12; round += 1) await writeFileAtomic(file, versions[round % versions.length] ?? '');
    writing = false;
    await reader;
    expect(seen).toEqual(new Set([2_000_000]));
    expect(await readdir(root)).toEqual(['big.json']);
  });

  it('the real store lays out MCPAUTH_HOME owner-only and re-tightens loosened files', async () => {
    const home = join(root, 'home');
    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    const saved = await store.save({
      serverUrl: 'https://mcp.example.com/mcp', resource: 'https://mcp.example.com/mcp', issuer: 'https://as.example.com',
      clientId: 'c', tokenEndpointAuthMethod: 'none', scopes: [], tokenType: 'bearer', tokenEndpoint: 'https://as.example.com/token',
      secrets: { accessToken: 'at' },
    });
    expect(saved.secretLocation).toBe('file');
    expect(await mode(home)).toBe(0o700);
    expect(await mode(join(home, 'credentials.json'))).toBe(0o600);
    expect(await mode(join(home, 'secrets.json'))).toBe(0o600);
    await chmod(join(home, 'secrets.json'), 0o644);
    await chmod(join(home, 'credentials.json'), 0o644);
    await chmod(home, 0o755);
    const again = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    expect((await again.readSecrets(saved)).accessToken).toBe('at');
    expect(await again.list()).toHaveLength(1);
    expect(await mode(home)).toBe(0o700);
    expect(await mode(join(home, 'secrets.json'))).toBe(0o600);
    expect(await mode(join(home, 'credentials.json'))).toBe(0o600);
  });

  it('refuses a corrupt secret file instead of starting over', async () => {
    const home = join(root, 'home');
    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    await writeFile(join(home, 'secrets.json'), '{"version":1,"secr', { mode: 0o600 });
    await expect(store.save({
      serverUrl: 'https://m/x', resource: 'https://m/x', issuer: 'https://as', clientId: 'c', tokenEndpointAuthMethod: 'none',
      scopes: [], tokenType: 'bearer', tokenEndpoint: 'https://as/token', secrets: { accessToken: 'at' },
    })).rejects.toThrow(/is not valid JSON; move it aside/);
  });
});
