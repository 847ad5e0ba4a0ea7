import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/index.js';
import { CONSENT_BROWSER, runMcpauth } from './login-helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function home(): string {
  return mkdtempSync(join(tmpdir(), 'mcpauth-login-'));
}

describe('login (authorization code through the loopback listener)', () => {
  it('registers a native client, completes consent in a spawned browser program and proves the token', async () => {
    harness = await startHarness();
    const run = await runMcpauth(['login', harness.mcpUrl, '--browser', CONSENT_BROWSER, '--json'], { MCPAUTH_HOME: home() });
    expect(run.err).not.toContain('Error');
    expect(run.code).toBe(0);
    const body = JSON.parse(run.out) as Record<string, unknown>;
    expect(body).toMatchObject({ server: harness.mcpUrl, issuer: harness.issuer, subject: 'alice', registration: 'dcr', flow: 'code', scopeSource: 'challenge', tools: 3 });
    expect(body.scopes).toContain('mcp:tools');
    expect(run.err).toContain('Open this URL to log in');
  });
});
