import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postMcp, startHarness, toolCallMessage, type Harness } from '../harness/index.js';
import { obtainCredentialInput } from '../helpers/obtain-tokens.js';
import { createStoreCommandFixture, type StoreCommandFixture } from './store-command-fixture.js';

let h: Harness;
let f: StoreCommandFixture;
let refreshGrants = 0;

beforeAll(async () => {
  h = await startHarness();
  h.as.provider.on('grant.success', (ctx) => {
    if (ctx.oidc.params?.grant_type === 'refresh_token') refreshGrants += 1;
  });
});
afterAll(async () => h.close());
beforeEach(async () => {
  // Real time: the refreshed token's expiry is computed from the clock the command uses.
  f = await createStoreCommandFixture(new Date());
  refreshGrants = 0;
});
afterEach(async () => f.cleanup());

describe('mcpauth token print', () => {
  it('prints exactly the stored token and a newline, nothing on stderr', async () => {
    const input = await obtainCredentialInput(h);
    await f.store.save(input);
    expect(await f.run(['token', 'print', h.mcpUrl])).toEqual({ code: 0, out: `${input.secrets.accessToken}\n`, err: '' });
    expect(refreshGrants).toBe(0);
  });

  it('refreshes an expired token first, prints only the new one, which works at the server', async () => {
    const input = await obtainCredentialInput(h, { expiredMsAgo: 5000 });
    const saved = await f.store.save(input);
    const { code, out, err } = await f.run(['token', 'print', h.mcpUrl]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(refreshGrants).toBe(1);
    const printed = out.slice(0, -1);
    expect(out).toBe(`${printed}\n`);
    expect(printed).not.toBe(input.secrets.accessToken);
    expect(printed).toBe((await f.store.readSecrets(saved)).accessToken);
    expect((await postMcp(h.mcpUrl, toolCallMessage('whoami'), printed)).status).toBe(200);
  });

  it('--verbose adds the HTTP trace and a note on stderr only, with the refresh token masked', async () => {
    const input = await obtainCredentialInput(h, { expiredMsAgo: 5000 });
    await f.store.save(input);
    const { code, out, err } = await f.run(['token', 'print', h.mcpUrl, '--verbose']);
    expect(code).toBe(0);
    expect(out.trim()).not.toContain('\n');
    expect(err).toContain('(token refresh) -> 200');
    expect(err).toContain('Refreshed the access token; expires ');
    expect(err).not.toContain(input.secrets.refreshToken ?? 'none');
    expect(err).not.toContain(out.trim());
  });

  it('no credential: exit 4, the login hint on stderr, nothing on stdout', async () => {
    const { code, out, err } = await f.run(['token', 'print', 'https://mcp.example.com/mcp']);
    expect(code).toBe(4);
    expect(out).toBe('');
    expect(err).toContain('no stored credential for https://mcp.example.com/mcp.');
    expect(err).toContain('mcpauth login https://mcp.example.com/mcp');
  });
});
