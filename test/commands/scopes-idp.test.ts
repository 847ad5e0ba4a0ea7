import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAuth0Simulator } from '../harness/idp/auth0.js';
import { startCognitoSimulator } from '../harness/idp/cognito.js';
import type { IdpSimulator } from '../harness/idp/simulator.js';
import { runMcpauth } from './login-helpers.js';

async function scopesNotes(start: () => Promise<IdpSimulator>): Promise<string> {
  const sim = await start();
  try {
    const run = await runMcpauth(['scopes', sim.mcpUrl, '--json'], { MCPAUTH_HOME: mkdtempSync(join(tmpdir(), 'mcpauth-scopes-idp-')) });
    return JSON.stringify((JSON.parse(run.out) as { notes: string[] }).notes);
  } finally {
    await sim.close();
  }
}

describe('scopes says what scope selection means at the recognised IdP (idp-quirks.md §18.3)', () => {
  it('Cognito without PRM scopes: openid, never the pool-wide list', async () => {
    expect(await scopesNotes(startCognitoSimulator)).toContain("Amazon Cognito: the server names no scope; mcpauth asks for 'openid'");
  });

  it("Auth0: API scopes come only with the API named by 'audience'", async () => {
    expect(await scopesNotes(startAuth0Simulator)).toContain("Auth0: API scopes are granted only for the API named by 'audience'");
  });
});
