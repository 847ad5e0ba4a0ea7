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
  it('creates the directory 0700, and refuses (never chmods) one that group or others may write', async () => {
    const dir = join(root, 'a', 'b');
    await ensurePrivateDir(dir);
    expect(await mode(dir)).toBe(0o700);
    await chmod(dir, 0o755);
    await ensurePrivateDir(dir);
    expect(await mode(dir)).toBe(0o755);
    await chmod(dir, 0o1777);
    await expect(ensurePrivateDir(dir)).rejects.toThrow(/is writable by group or others \(mode 1777\); nothing was read or changed/);
    expect(await mode(dir)).toBe(0o777);
  });

  it('writes files 0600 and refuses a loosened one instead of silently re-tightening it', async () => {
    const file = join(root, 'secrets.json');
    await writeFileAtomic(file, 'one');
    expect(await mode(file)).toBe(0o600);
    expect(await readPrivateFile(file)).toBe('one');
    await chmod(file, 0o644);
    await expect(readPrivateFile(file)).rejects.toThrow(/is readable or writable by group or others \(mode 0644\)/);
    expect(await mode(file)).toBe(0o644);
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

  it('the real store lays out MCPAUTH_HOME owner-only, and refuses loosened files with the chmod that fixes them', async () => {
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
    await chmod(join(home, 'credentials.json'), 0o644);
    const open = () => openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    await expect(open()).rejects.toMatchObject({ code: 'usage', hint: expect.stringContaining(`chmod 600 '${join(home, 'credentials.json')}'`) });
    expect(await mode(join(home, 'credentials.json'))).toBe(0o644);
    await chmod(join(home, 'credentials.json'), 0o600);
    const again = await open();
    expect((await again.readSecrets(saved)).accessToken).toBe('at');
    expect(await again.list()).toHaveLength(1);
  });

  it('refuses a corrupt secret file instead of starting over', async () => {
    const home = join(root, 'home');
    const store = await openCredentialStore({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, now: () => new Date() });
    await writeFile(join(home, 'secrets.json'), '{"version":1,"secr', { mode: 0o600 });
    await expect(store.save({
      serverUrl: 'https://m/x', resource: 'https://m/x', issuer: 'https://as', clientId: 'c', tokenEndpointAuthMethod: 'none',
      scopes: [], tokenType: 'bearer', tokenEndpoint: 'https://as/token', secrets: { accessToken: 'at' },
    })).rejects.toThrow(/the secret file .*secrets\.json is not valid JSON \(truncated or corrupted\?\); it was left as it is/);
  });
});
