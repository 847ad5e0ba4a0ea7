import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/core/http/client.js';
import { inspectToken } from '../../../src/core/token/inspect-token.js';
import { discoverServerContext } from '../../../src/core/token/server-context.js';
import { planFromServer } from '../../../src/core/token/server-expectations.js';
import { runCodeFlow, startHarness, startMcpServer, type Harness, type McpTestServer } from '../../harness/index.js';

const http = createHttpClient({ fetch: globalThis.fetch, timeoutMs: 5000, allowHttp: false, userAgent: 'test' });
const at = (date: Date) => ({ fetch: http.fetch, now: () => date });

async function inspectAgainst(url: string, token: string, now = new Date(), flags: { needScopes?: string[]; clientId?: string; clientSecret?: string } = {}) {
  const server = await discoverServerContext(url, { fetch: http.fetch });
  const plan = planFromServer(server, { ...flags, allowHttp: false });
  return inspectToken({ token, ...plan }, at(now));
}

const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

describe('inspectToken against the harness', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness();
    token = (await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl, scope: 'mcp:tools' })).tokens.access_token;
  });
  afterAll(async () => h.close());

  it('verifies a real token from the AS, with no findings', async () => {
    const result = await inspectAgainst(h.mcpUrl, token);
    expect(result.verified).toBe(true);
    expect(result.findings).toEqual([]);
    expect(result.summary?.audience).toEqual([h.mcpUrl]);
    expect(result.summary?.scopes).toEqual(['mcp:tools']);
    expect(result.token).not.toContain(token.slice(10, 30));
  });

  it('reports a tampered signature', async () => {
    const [head, body, sig] = token.split('.');
    const flipped = `${sig?.slice(0, 10)}${sig?.[10] === 'A' ? 'B' : 'A'}${sig?.slice(11)}`;
    const result = await inspectAgainst(h.mcpUrl, `${head}.${body}.${flipped}`);
    expect(result.verified).toBe(false);
    expect(ids(result)).toEqual(['token-signature-invalid']);
  });

  it('a token 13 s past exp, inside the 60 s tolerance, is a warning with the seconds (not "nothing explains a refusal")', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const late = await h.as.signAccessToken({ exp });
    const result = await inspectAgainst(h.mcpUrl, late, new Date((exp + 13) * 1000));
    expect(ids(result)).toEqual(['token-expiry-tolerated']);
    expect(result.findings[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('expired 13 s ago, inside the 60 s clock tolerance') });
  });

  it('reports an expired token with an injected clock', async () => {
    const result = await inspectAgainst(h.mcpUrl, token, new Date(Date.now() + 3600_000));
    expect(ids(result)).toEqual(['token-expired']);
    expect(result.verified).toBe(true);
    expect(result.findings[0]?.message).toMatch(/expired 50 min( \d+ s)? ago/);
  });

  it('warns (not errs) within the clock tolerance, and flags a token from the future', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    expect(ids(await inspectAgainst(h.mcpUrl, token, new Date((exp + 30) * 1000)))).toEqual(['token-expiry-tolerated']);
    const future = await h.as.signAccessToken({ nbf: Math.floor(Date.now() / 1000) + 3600 });
    expect(ids(await inspectAgainst(h.mcpUrl, future))).toEqual(['token-not-yet-valid']);
  });

  it('reports no expiry, a long life, a foreign issuer and missing scopes', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(ids(await inspectAgainst(h.mcpUrl, await h.as.signAccessToken({ exp: undefined })))).toEqual(['token-no-expiry']);
    expect(ids(await inspectAgainst(h.mcpUrl, await h.as.signAccessToken({ exp: now + 3 * 86400 })))).toEqual(['token-long-lived']);
    const foreign = await inspectAgainst(h.mcpUrl, await h.as.signAccessToken({ iss: 'https://evil.example' }));
    expect(ids(foreign)).toEqual(['token-issuer-mismatch']);
    expect(foreign.findings[0]?.message).toBe(`iss is https://evil.example, but the server's authorization server is ${h.issuer}.`);
    const scoped = await inspectAgainst(h.mcpUrl, await h.as.signAccessToken({ scope: 'other' }));
    expect(scoped.findings[0]?.message).toBe(`Missing "mcp:tools" (needed by the server's 401 challenge); the token holds "other".`);
    const need = await inspectAgainst(h.mcpUrl, token, new Date(), { needScopes: ['mcp:admin'] });
    expect(need.findings.map((f) => f.message)).toEqual([`Missing "mcp:admin" (needed by --need); the token holds "mcp:tools".`]);
  });

  it('reports alg none and an ID token', async () => {
    const [, body] = token.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${body}.`;
    const result = await inspectAgainst(h.mcpUrl, none);
    expect(ids(result)).toEqual(['token-alg-weak', 'token-signature-invalid']);
    const idToken = await h.as.signAccessToken({ nonce: 'n', at_hash: 'x' }, { typ: 'JWT' });
    expect(ids(await inspectAgainst(h.mcpUrl, idToken))).toEqual(['token-id-token']);
  });

  describe('a token for another audience', () => {
    let other: McpTestServer;
    beforeAll(async () => {
      other = await startMcpServer({ issuer: h.issuer, jwksUri: h.as.jwksUri });
      h.as.registerResource(other.url);
    });
    afterAll(async () => other.close());

    it('names the expected and actual audience', async () => {
      const foreign = (await runCodeFlow(h.as.endpoints, { resource: other.url })).tokens.access_token;
      const result = await inspectAgainst(h.mcpUrl, foreign);
      expect(ids(result)).toEqual(['token-audience-mismatch']);
      expect(result.findings[0]?.message).toBe(`aud is ${other.url}, but the server's resource (PRM) is ${h.mcpUrl}.`);
      expect(result.verified).toBe(true);
    });
  });
});

describe('inspectToken with opaque tokens', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({ as: { accessTokenFormat: 'opaque' } });
    token = (await runCodeFlow(h.as.endpoints, { resource: h.mcpUrl })).tokens.access_token;
  });
  afterAll(async () => h.close());

  it('introspects with client credentials and checks the answer', async () => {
    const result = await inspectAgainst(h.mcpUrl, token, new Date(), { clientId: 'harness-introspector', clientSecret: 'harness-introspector-secret' });
    expect(result.format).toBe('opaque');
    expect(result.claimsSource).toBe('introspection');
    expect(result.verified).toBe(true);
    expect(ids(result)).toEqual(['token-opaque']);
    expect(result.claims?.active).toBe(true);
  });

  it('explains what cannot be known without credentials', async () => {
    const result = await inspectAgainst(h.mcpUrl, token);
    expect(ids(result)).toEqual(['token-opaque']);
    expect(result.findings[0]?.message).toContain('no client credentials');
    expect(result.verified).toBe(false);
  });

  it('reports an inactive token', async () => {
    const result = await inspectAgainst(h.mcpUrl, 'not-a-real-token-value', new Date(), { clientId: 'harness-introspector', clientSecret: 'harness-introspector-secret' });
    expect(ids(result)).toEqual(['token-inactive', 'token-opaque']);
  });
});
