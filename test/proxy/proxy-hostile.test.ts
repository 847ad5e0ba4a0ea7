import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { freshHome, proxyArgs, startStdio, type ProxyClient } from './proxy-client.js';

const RECORD_BROWSER = fileURLToPath(new URL('../commands/fixtures/record-browser.mjs', import.meta.url));

let harness: Harness | undefined;
let proxy: ProxyClient | undefined;
afterEach(async () => {
  await proxy?.close();
  await harness?.close();
  proxy = undefined;
  harness = undefined;
});

/**
 * CVE-2025-6514: mcp-remote handed a server-supplied authorization_endpoint to `open`, which on Windows
 * went through PowerShell. The proxy's login must never give such a URL to a shell or a non-http(s)
 * opener; the request fails with a JSON-RPC error that says what to run instead.
 */
describe('mcpauth proxy against a hostile authorization server (CVE-2025-6514 class)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcpauth-hostile-'));
  const marker = join(dir, 'pwned');
  it.each([
    `a:$(touch ${marker})`,
    `file:///etc/passwd`,
    `javascript:fetch('http://127.0.0.1/'+document.cookie)`,
    `ms-msdt:/id PCWDiagnostic /skip force /param "IT_BrowseForFile=$(touch ${marker})"`,
  ])('never opens the authorization endpoint %s, and the request fails with what to run', async (endpoint) => {
    harness = await startHarness({ as: { metadataOverrides: { authorization_endpoint: endpoint } } });
    const record = join(dir, `opened-${Math.random().toString(36).slice(2)}.txt`);
    const started = startStdio(process.execPath, proxyArgs(harness.mcpUrl, ['--browser', `${process.execPath} ${RECORD_BROWSER}`]), { ...freshHome(), RECORD_FILE: record });
    proxy = started;
    const failure = await started.connected.then(() => undefined, (error: Error) => error);
    expect(failure?.message).toContain(`Run: mcpauth login ${harness.mcpUrl}`);
    expect(existsSync(record)).toBe(false);
    expect(existsSync(marker)).toBe(false);
    expect(started.stderr()).toContain('refusing the authorization endpoint');
    expect(started.stderr()).not.toContain('Open this URL');
  });

  it('an http(s) endpoint with shell syntax reaches the browser program as one argument and runs nothing', async () => {
    harness = await startHarness();
    const { as } = harness;
    await harness.close();
    harness = await startHarness({ as: { metadataOverrides: { authorization_endpoint: `${as.url}/auth?x=$(touch$\{IFS}${marker})&y=\`touch$\{IFS}${marker}\`` } } });
    const record = join(dir, 'opened-http.txt');
    const started = startStdio(process.execPath, proxyArgs(harness.mcpUrl, ['--browser', `${process.execPath} ${RECORD_BROWSER}`, '--login-timeout', '3']), { ...freshHome(), RECORD_FILE: record });
    proxy = started;
    const failure = await started.connected.then(() => undefined, (error: Error) => error);
    expect(failure?.message).toMatch(/did not finish within 3 s[\s\S]*Run: mcpauth login/);
    const [argv] = readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
    expect(argv).toHaveLength(1);
    expect(new URL(argv![0]!).protocol).toBe('http:');
    expect(existsSync(marker)).toBe(false);
  });
});
