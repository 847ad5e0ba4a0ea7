import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { connectStdio, CONSENT_BROWSER, freshHome, proxyArgs, type ProxyClient } from './proxy-client.js';

let harness: Harness | undefined;
let proxy: ProxyClient | undefined;
afterEach(async () => {
  await proxy?.close();
  await harness?.close();
  proxy = undefined;
  harness = undefined;
});

describe('mcpauth proxy with the SDK stdio Client (oidc-provider harness)', () => {
  it('logs in through the --browser program on the first 401, then lists and calls tools', async () => {
    harness = await startHarness();
    proxy = await connectStdio(process.execPath, proxyArgs(harness.mcpUrl, ['--browser', CONSENT_BROWSER]), freshHome());
    const tools = await proxy.client.listTools();
    expect(tools.tools.map((tool) => tool.name)).toContain('whoami');
    const result = await proxy.client.callTool({ name: 'whoami', arguments: {} });
    const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
    expect(JSON.parse(text)).toMatchObject({ authenticated: true, sub: 'alice', aud: harness.mcpUrl });
    expect(proxy.stderr()).toMatch(/needs a login/);
  });
});
