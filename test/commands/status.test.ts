import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { createStoreCommandFixture, normalizeStoreOutput, type StoreCommandFixture } from './store-command-fixture.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
let h: Harness;
let f: StoreCommandFixture;
let secrets: string[] = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  f = await createStoreCommandFixture(NOW);
  secrets = [];
});
afterEach(async () => f.cleanup());

async function saveReal(options: { expiresInSeconds: number; refresh?: boolean }) {
  const input = await obtainCredentialInput(h, { login: 'bob' });
  input.accessTokenExpiresAt = new Date(NOW.getTime() + options.expiresInSeconds * 1000).toISOString();
  if (options.refresh === false) delete input.secrets.refreshToken;
  secrets.push(input.secrets.accessToken, ...(input.secrets.refreshToken ? [input.secrets.refreshToken] : []));
  return f.store.save(input);
}

const norm = (text: string) => normalizeStoreOutput(text, h, f.home).replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'TIME UTC');

describe('mcpauth status', () => {
  it('with an empty store: says so, exit 0; for a named server: exit 4', async () => {
    expect(await f.run(['status'])).toEqual({ code: 0, out: 'No stored credentials.\nLog in with: mcpauth login <url>\n', err: '' });
    const named = await f.run(['status', 'https://mcp.example.com/mcp']);
    expect(named).toEqual({ code: 4, out: 'No stored credential for https://mcp.example.com/mcp.\nLog in with: mcpauth login https://mcp.example.com/mcp\n', err: '' });
  });

  it('shows every credential piped: server, issuer, subject, scopes, relative expiry, refresh, secret location', async () => {
    await saveReal({ expiresInSeconds: 540 });
    const { code, out, err } = await f.run(['status']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(norm(out)).toMatchInlineSnapshot(`
      "http://MCP/mcp
        issuer       http://AS
        subject      bob
        scopes       mcp:tools
        access token valid, expires in 9 min (TIME UTC)
        refresh      available
        secret in    <HOME>/secrets.json (file fallback: not the OS keychain)

      Store: <HOME>
      "
    `);
  });

  it('colours the state on a TTY', async () => {
    await saveReal({ expiresInSeconds: -7200, refresh: false });
    const { out } = await f.run(['status'], { tty: true });
    expect(out).toMatch(/\u001b\[31mexpired 2 h ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)\u001b\[39m/);
    expect(out).toContain('(not usable: log in again)');
  });

  it('--json for one server, exactly; a match by a differently spelled URL', async () => {
    const saved = await saveReal({ expiresInSeconds: -60 });
    const { code, out } = await f.run(['status', `${h.mcpUrl}/`, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(norm(out))).toEqual({
      store: { home: '<HOME>', metadataPath: '<HOME>/credentials.json', secretFilePath: '<HOME>/secrets.json' },
      serverUrl: 'http://MCP/mcp/',
      credentials: [{
        serverUrl: 'http://MCP/mcp',
        resource: 'http://MCP/mcp',
        issuer: 'http://AS',
        clientId: saved.clientId,
        subject: 'bob',
        scopes: ['mcp:tools'],
        accessTokenExpiresAt: '2026-03-01T11:59:00.000Z',
        expiresInSeconds: -60,
        accessToken: 'expired',
        refreshAvailable: true,
        usable: true,
        secretLocation: 'file',
        secretWhere: '<HOME>/secrets.json',
      }],
    });
  });

  it('exit 4 when the named server has only an expired credential without refresh token', async () => {
    await saveReal({ expiresInSeconds: -60, refresh: false });
    const { code, out, err } = await f.run(['status', h.mcpUrl, '--json']);
    expect(code).toBe(4);
    expect(JSON.parse(out).credentials[0]).toMatchObject({ usable: false, refreshAvailable: false, accessToken: 'expired' });
    expect(norm(err)).toBe('No usable credential for http://MCP/mcp: run mcpauth login http://MCP/mcp\n');
  });

  it('never shows a token value, with --verbose and with --json', async () => {
    await saveReal({ expiresInSeconds: 540 });
    for (const argv of [['status', '--verbose'], ['status', '--json', '--verbose'], ['status', h.mcpUrl, '-v']]) {
      const { out, err } = await f.run(argv);
      for (const secret of secrets) {
        expect(out).not.toContain(secret.slice(0, 16));
        expect(err).not.toContain(secret.slice(0, 16));
      }
    }
  });
});
