import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../harness/index.js';
import { ids, runProbe } from './probe-fixture.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('probe --token: why does my token get a 401?', () => {
  it('accepts a good token and says so', async () => {
    harness = await startHarness();
    const token = await harness.as.signAccessToken({ aud: harness.mcpUrl });
    const report = await runProbe(harness.mcpUrl, { token });
    expect(ids(report).filter((id) => id.includes(':token-'))).toEqual(['info:token-accepted']);
    expect(JSON.stringify(report)).not.toContain(token);
  });

  it('explains a rejected token: audience, issuer, expiry and scope', async () => {
    harness = await startHarness();
    const token = await harness.as.signAccessToken({ aud: new URL(harness.mcpUrl).origin, iss: 'https://elsewhere.example', exp: 1000, scope: 'other' });
    const report = await runProbe(harness.mcpUrl, { token });
    expect(ids(report).filter((id) => id.includes(':token-'))).toEqual([
      'error:token-rejected',
      'error:token-audience-mismatch',
      'error:token-issuer-mismatch',
      'error:token-expired',
      'warning:token-scope-insufficient',
    ]);
    expect(JSON.stringify(report)).not.toContain(token);
  });

  it('flags a server that accepts a token for another audience', async () => {
    harness = await startHarness({ mcp: { verify: { audience: false } } });
    const token = await harness.as.signAccessToken({ aud: 'https://other-resource.example/mcp' });
    expect(ids(await runProbe(harness.mcpUrl, { token }))).toEqual(expect.arrayContaining(['error:token-audience-mismatch', 'info:token-accepted']));
  });
});
