import { chmod, chown, lstat, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { openCredentialStore } from '../../src/platform/store/open-store.js';
import { createTestDeps } from '../helpers/test-deps.js';

let root: string;
let home: string;
const OTHER_UID = 54321;
const env = () => ({ MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' });
const mode = async (path: string) => (await lstat(path)).mode & 0o7777;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mcpauth-hostile-store-'));
  home = join(root, 'home');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

async function status(): Promise<{ code: number; err: string }> {
  const deps = createTestDeps({ env: env() });
  const code = await runCli(['status'], deps);
  return { code, err: deps.io.err() };
}

/** Another local user's file: really chown-ed when the tests run as root, else our uid is made to differ. */
async function giveToAnotherUser(path: string): Promise<void> {
  if (process.getuid?.() === 0) await chown(path, OTHER_UID, OTHER_UID);
  else vi.spyOn(process, 'getuid').mockReturnValue((process.getuid?.() ?? 0) + 1);
}

async function seed(): Promise<void> {
  const store = await openCredentialStore({ env: env(), now: () => new Date() });
  await store.save({
    serverUrl: 'https://mcp.example.com/mcp', resource: 'https://mcp.example.com/mcp', issuer: 'https://as.example.com', clientId: 'c',
    tokenEndpointAuthMethod: 'none', scopes: ['mcp'], tokenType: 'bearer', tokenEndpoint: 'https://as.example.com/token', secrets: { accessToken: 'at', refreshToken: 'rt' },
  });
}

describe('a store that trusts only its owner', () => {
  it('refuses an MCPAUTH_HOME owned by another user, and changes nothing there', async () => {
    await mkdir(home, { mode: 0o700 });
    await giveToAnotherUser(home);
    const { code, err } = await status();
    expect(code).toBe(2);
    expect(err).toMatch(/the credential store .*home is owned by uid \d+, not by you \(uid \d+\); nothing was read or changed/);
    expect(err).toMatch(/hint: Use a store you own/);
    if (process.getuid?.() === 0) expect((await stat(home)).uid).toBe(OTHER_UID);
  });

  it('refuses a credentials.json another user owns (they could swap it and receive the refresh token)', async () => {
    await seed();
    await giveToAnotherUser(join(home, 'credentials.json'));
    const { code, err } = await status();
    expect(code).toBe(2);
    expect(err).toMatch(/credentials\.json is owned by uid/);
  });

  it('never chmods through a symlinked MCPAUTH_HOME: a sticky world-writable target is refused and keeps its mode', async () => {
    const shared = join(root, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o1777);
    await symlink(shared, home);
    const { code, err } = await status();
    expect(code).toBe(2);
    expect(err).toMatch(/is writable by group or others \(mode 1777\)/);
    expect(await mode(shared)).toBe(0o1777);
  });

  it('accepts a symlinked MCPAUTH_HOME that is the owner\'s alone, without touching its mode', async () => {
    const real = join(root, 'real');
    await mkdir(real);
    await chmod(real, 0o750);
    await symlink(real, home);
    expect((await status()).code).toBe(0);
    expect(await mode(real)).toBe(0o750);
  });

  it('refuses a store file that is a symlink, and a loosened one, saying how to fix it (no silent chmod)', async () => {
    await seed();
    await chmod(join(home, 'secrets.json'), 0o644);
    const loose = await status();
    expect(loose.code).toBe(2);
    expect(loose.err).toMatch(/secrets\.json is readable or writable by group or others \(mode 0644\)/);
    expect(loose.err).toContain(`chmod 600 '${join(home, 'secrets.json')}'`);
    expect(await mode(join(home, 'secrets.json'))).toBe(0o644);
    await chmod(join(home, 'secrets.json'), 0o600);
    await rm(join(home, 'credentials.json'));
    await writeFile(join(root, 'elsewhere.json'), '{}', { mode: 0o600 });
    await symlink(join(root, 'elsewhere.json'), join(home, 'credentials.json'));
    const linked = await status();
    expect(linked.code).toBe(2);
    expect(linked.err).toMatch(/credentials\.json is a symbolic link/);
  });

  it.each([
    ['truncated', '{"version":1,"credentials":{"https://as', /is not valid JSON \(truncated or corrupted\?\); it was left as it is/],
    ['from a newer version', '{"version":2,"credentials":{}}', /cannot be used: unsupported credential store format \(version 2\); it was left as it is/],
    ['not an object', '[1,2,3]', /cannot be used: unsupported credential store format/],
  ])('a %s credentials.json is a clear error naming the file, left untouched', async (_name, text, message) => {
    await seed();
    const path = join(home, 'credentials.json');
    await writeFile(path, text);
    const { code, err } = await status();
    expect(code).toBe(2);
    expect(err).toContain(path);
    expect(err).toMatch(message);
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('a corrupt or newer secrets.json is refused, not started over (refresh tokens are kept)', async () => {
    await seed();
    const store = await openCredentialStore({ env: env(), now: () => new Date() });
    const [credential] = await store.list();
    for (const text of ['{"version":1,"secr', '{"version":2,"secrets":{}}']) {
      await writeFile(join(home, 'secrets.json'), text, { mode: 0o600 });
      await expect(store.readSecrets(credential!)).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/the secret file .*secrets\.json (is not valid JSON \(truncated or corrupted\?\)|has an unsupported format \(version 2\)); it was left as it is/) });
      expect(await readFile(join(home, 'secrets.json'), 'utf8')).toBe(text);
    }
  });
});
