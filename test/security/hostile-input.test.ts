import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { parseWwwAuthenticate } from '../../src/core/discovery/www-authenticate.js';
import { checkAuthorizationEndpoint } from '../../src/core/flows/authorization-request.js';
import { boundedExpiresIn, boundedInterval, runDeviceFlow } from '../../src/core/flows/device-flow.js';
import { jsonTextTooDeep, jsonValueTooDeep } from '../../src/core/json/json-depth.js';
import { parseMessages, RpcParseError } from '../../src/core/mcp/rpc-incoming.js';
import { parseStoreDocument } from '../../src/core/store/store-document.js';
import { decodeToken } from '../../src/core/token/decode-token.js';
import { openInBrowser } from '../../src/platform/browser.js';
import { closedPort, mcpChallengeRoutes, sendJson, startHttpServer, type TestServer } from '../core/probe/hostile-servers.js';
import { createTestDeps } from '../helpers/test-deps.js';

const DEEP = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
const b64 = (value: string) => Buffer.from(value).toString('base64url');

let home: string;
let dead: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'mcpauth-hostile-input-'));
  dead = `http://127.0.0.1:${await closedPort()}/mcp`;
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

async function cli(args: string[], stdin?: string): Promise<{ code: number; err: string; out: string }> {
  const deps = { ...createTestDeps({ env: { MCPAUTH_HOME: home, MCPAUTH_NO_KEYCHAIN: '1' }, stdin }), cwd: home };
  const code = await runCli(args, deps);
  return { code, err: deps.io.err(), out: deps.io.out() };
}

describe('bounds on server-chosen numbers', () => {
  it('device flow: interval 0.001 polls every 5 s, slow_down adds 5 s, expires_in 1e9 is capped at 30 minutes', async () => {
    const sleeps: number[] = [];
    let now = 0;
    let polls = 0;
    const as = { issuer: 'https://as.example', device_authorization_endpoint: 'https://as.example/device', token_endpoint: 'https://as.example/token' };
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    const fetch = (async (url: string | URL) => {
      if (String(url).endsWith('/device')) return json({ device_code: 'd', user_code: 'U\x1b]52;c;eA==\x07', verification_uri: 'https://as.example/activate', expires_in: 1e9, interval: 0.001 });
      polls += 1;
      if (polls === 2) return json({ error: 'slow_down' }, 400);
      if (polls < 4) return json({ error: 'authorization_pending' }, 400);
      return json({ access_token: 'at', token_type: 'bearer', expires_in: 60 });
    }) as typeof globalThis.fetch;
    let prompted = 0;
    const tokens = await runDeviceFlow({ as, clientId: 'c', clientAuth: () => undefined, resource: undefined, scope: undefined }, {
      http: { fetch, allowHttp: false }, clock: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)), onPrompt: (p) => void (prompted = p.expiresInSeconds),
    });
    expect(tokens.access_token).toBe('at');
    expect(sleeps).toEqual([5000, 5000, 10_000, 10_000]);
    expect(prompted).toBe(1800);
    expect([boundedInterval(0.001), boundedInterval(Number.NaN), boundedInterval(7), boundedInterval(1e9)]).toEqual([5, 5, 7, 60]);
    expect([boundedExpiresIn(1e9), boundedExpiresIn(-1), boundedExpiresIn(600)]).toEqual([1800, 1800, 600]);
  });

  it.each([
    [['--timeout', '99999999999999', 'status']],
    [['--timeout', 'Infinity', 'status']],
    [['rotate', '--all', '--if-expiring-within', '99999999999999d']],
    [['proxy', 'http://127.0.0.1:9/mcp', '--idle-timeout', '1e300']],
  ])('a user-given duration out of range is a usage error: %j', async (args) => {
    const { code, err } = await cli(args);
    expect(code).toBe(2);
    expect(err).not.toMatch(/bug in mcpauth/);
  });
});

describe('JSON nesting is bounded wherever server or user JSON is read', () => {
  it('finds depth without recursing, strings skipped', () => {
    expect(jsonTextTooDeep(DEEP)).toBe(true);
    expect(jsonTextTooDeep('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBe(false);
    expect(jsonValueTooDeep(JSON.parse(DEEP))).toBe(true);
    expect(jsonValueTooDeep({ a: [{ b: 1 }] })).toBe(false);
  });

  it('--args, a JWT and an MCP message nested 200,000 deep are clear errors, never exit 70', async () => {
    const args = await cli(['call', dead, 'echo', '--args', `{"a":${DEEP}}`]);
    expect(args.code).toBe(2);
    expect(args.err).toMatch(/--args nests JSON deeper than 64 levels/);
    const jwt = `${b64('{"alg":"none"}')}.${b64(`{"sub":${'['.repeat(5000)}${']'.repeat(5000)}}`)}.x`;
    expect(decodeToken(jwt)).toEqual({ format: 'malformed', reason: 'its JWT header or claims nest JSON deeper than 64 levels' });
    const inspected = await cli(['token', 'inspect', '-'], jwt);
    expect(inspected.code).toBe(1);
    expect(() => parseMessages(DEEP, 'response body')).toThrow(RpcParseError);
  });

  it('probe treats deeply nested metadata as not JSON', async () => {
    const server: TestServer = await startHttpServer(mcpChallengeRoutes((req, res) => {
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return void res.writeHead(200, { 'content-type': 'application/json' }).end(`{"resource":${DEEP}}`);
      res.writeHead(404).end();
    }));
    try {
      const { code, out } = await cli(['probe', `${server.origin}/mcp`, '--json']);
      expect(code).toBe(1);
      expect((JSON.parse(out) as { findings: Array<{ id: string }> }).findings.map((f) => f.id)).toContain('prm-invalid-response');
    } finally {
      await server.close();
    }
  });
});

describe('crashes that became clear errors', () => {
  it('login follows a relative resource_metadata instead of crashing', async () => {
    const seen: string[] = [];
    const server = await startHttpServer((req, res) => {
      seen.push(req.url ?? '');
      const origin = `http://${req.headers.host ?? ''}`;
      if (req.method === 'POST') return void res.writeHead(401, { 'www-authenticate': 'Bearer resource_metadata="/prm-here"' }).end();
      if (req.url === '/prm-here') return sendJson(res, { resource: `${origin}/mcp`, authorization_servers: [`http://127.0.0.1:${new URL(dead).port}`] });
      res.writeHead(404).end();
    });
    try {
      const { code, err } = await cli(['login', `${server.origin}/mcp`, '--no-browser']);
      expect(seen).toContain('/prm-here');
      expect(code).not.toBe(70);
      expect(err).not.toMatch(/bug in mcpauth/);
    } finally {
      await server.close();
    }
  });

  it('probe --active with a non-URL authorization endpoint reports it and does not crash', async () => {
    const server = await startHttpServer(mcpChallengeRoutes((req, res, origin) => {
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return sendJson(res, { resource: `${origin}/mcp`, authorization_servers: [origin] });
      if (req.url === '/.well-known/oauth-authorization-server') {
        return sendJson(res, { issuer: origin, authorization_endpoint: 'not a url', token_endpoint: `${origin}/token`, registration_endpoint: `${origin}/register`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] });
      }
      if (req.url === '/register') {
        req.resume();
        return void res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ client_id: 'c1', redirect_uris: ['http://127.0.0.1/callback'] }));
      }
      res.writeHead(404).end();
    }));
    try {
      const { code, out } = await cli(['probe', `${server.origin}/mcp`, '--active', '--json']);
      expect(code).toBe(1);
      expect(out).toContain('asm-unsafe-url');
    } finally {
      await server.close();
    }
  });

  it('a 900 KB authorization URL is refused before any browser; spawn E2BIG is reported, not thrown', async () => {
    const huge = `https://as.example/authorize?x=${'a'.repeat(900_000)}`;
    expect(() => checkAuthorizationEndpoint(huge, false)).toThrow(/refusing an authorization endpoint of 900\d+ characters/);
    const opened = await openInBrowser(new URL(huge), { kind: 'program', program: 'true' }, { platform: 'linux', allowHttp: false });
    expect(opened).toMatchObject({ opened: false, reason: expect.stringMatching(/could not be started \(E2BIG\)/) });
  });
});

describe('fuzz: no input a user or server controls makes mcpauth report a bug (exit 70)', () => {
  const word = fc.constantFrom('probe', 'login', 'call', 'scopes', 'status', 'logout', 'token', 'inspect', 'print', 'rotate', 'audit-config', 'completion', 'bash',
    '--json', '--all', '--client', '--config', '.mcp.json', '--write', '--to', 'print', '--timeout', '0.2', '-1', 'NaN', '1e999', '--args', '{"a":', '[]', '--scope', '\x1b[2J',
    '--if-expiring-within', '5x', '--port', '99999', '--fail-on', 'bogus', '--format', 'github', '--spec', '-', '--', '', '%', '--server', '--need', '--allow-private');
  it('the argument parser and every command, on random argv (loopback only, a dead port)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(word, fc.constant('DEAD'), fc.string({ maxLength: 8 })), { maxLength: 7 }), async (argv) => {
      const args = argv.map((a) => (a === 'DEAD' ? dead : a));
      if (args.includes('login') || args.includes('proxy')) args.push('--no-browser', '--timeout', '0.5');
      const { code } = await cli(args, '');
      expect(code, JSON.stringify(args)).not.toBe(70);
    }), { numRuns: 150 });
  }, 120_000);

  it('server-input parsers: WWW-Authenticate, JSON-RPC bodies, tokens, the store document', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
      await parseWwwAuthenticate(text);
      try {
        parseMessages(text, 'body');
      } catch (error) {
        expect(error).toBeInstanceOf(RpcParseError);
      }
      decodeToken(text);
      decodeToken(`${b64(text)}.${b64(text)}.sig`);
    }), { numRuns: 500 });
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      try {
        parseStoreDocument(value);
      } catch (error) {
        expect((error as Error).message).toMatch(/unsupported credential store format/);
      }
    }), { numRuns: 500 });
  });
});
