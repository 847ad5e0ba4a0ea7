import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeFetch } from '../../../src/platform/node-fetch.js';
import { requireProgram } from '../../helpers/system-tools.js';
import { makeSelfSignedCert, mcpChallengeRoutes, sendJson, startHttpServer, startHttpsServer, type TestServer } from './hostile-servers.js';
import { ids, runProbe } from './probe-fixture.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function prm(origin: string, issuer: string): Record<string, unknown> {
  return { resource: `${origin}/mcp`, authorization_servers: [issuer], scopes_supported: ['mcp'] };
}

describe('probe against purpose-built hostile servers', () => {
  it('reports a self-signed certificate as transport-tls-error, and trusts it with a CA file', async (ctx) => {
    requireProgram(ctx, 'openssl');
    const tls = makeSelfSignedCert();
    server = await startHttpsServer(tls, mcpChallengeRoutes((req, res, origin) => {
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return sendJson(res, prm(origin, origin));
      res.writeHead(404).end();
    }));
    const report = await runProbe(`${server.origin}/mcp`);
    expect(ids(report)).toEqual(['error:transport-tls-error']);
    expect(report.findings[0]?.message).toMatch(/self-signed/);
    const trusted = await runProbe(`${server.origin}/mcp`, { fetch: createNodeFetch({ ca: tls.cert }) });
    expect(trusted.steps[0]?.status).toBe(401);
    expect(ids(trusted)).toContain('error:asm-not-found');
  });

  it('stops a 200 MB metadata body at the 1 MiB cap, quickly and in bounded memory', async () => {
    let sent = 0;
    server = await startHttpServer(mcpChallengeRoutes((req, res) => {
      if (req.url !== '/.well-known/oauth-protected-resource/mcp') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (sent < 200 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent >= 200 * 1024 * 1024) res.end();
        else res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    }));
    const before = process.memoryUsage().rss;
    const report = await runProbe(`${server.origin}/mcp`);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
    const invalid = report.findings.find((f) => f.id === 'prm-invalid-response');
    expect(invalid?.message).toMatch(/larger than the 1 MiB limit/);
  });

  it('gives up on a server that never answers within its bound: endpoint-unreachable', async () => {
    const hanging: ServerResponse[] = [];
    server = await startHttpServer((_req, res) => void hanging.push(res));
    const report = await runProbe(`${server.origin}/mcp`, { timeoutMs: 300 });
    expect(ids(report)).toEqual(['error:endpoint-unreachable']);
    expect(report.findings[0]?.message).toMatch(/no complete answer within 0.3 s/);
  });

  it('refuses a redirect loop on metadata and says so in the trace', async () => {
    server = await startHttpServer(mcpChallengeRoutes((req, res) => {
      const next = req.url === '/a' ? '/b' : '/a';
      res.writeHead(302, { location: next }).end();
    }));
    const report = await runProbe(`${server.origin}/mcp`);
    expect(ids(report)).toContain('error:prm-not-found');
    expect(report.steps[1]?.detail).toMatch(/redirect loop/);
  });

  it('flags a javascript: authorization_endpoint and never requests it', async () => {
    const requested: string[] = [];
    server = await startHttpServer(mcpChallengeRoutes((req, res, origin) => {
      requested.push(req.url ?? '');
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return sendJson(res, prm(origin, origin));
      if (req.url === '/.well-known/oauth-authorization-server') {
        return sendJson(res, {
          issuer: origin, authorization_endpoint: 'javascript:alert(document.cookie)', token_endpoint: `${origin}/token`,
          response_types_supported: ['code'], code_challenge_methods_supported: ['S256'], registration_endpoint: `${origin}/reg`,
        });
      }
      res.writeHead(404).end();
    }));
    const report = await runProbe(`${server.origin}/mcp`);
    expect(report.findings.find((f) => f.id === 'asm-unsafe-url')?.message).toMatch(/authorization_endpoint "javascript:alert\(document.cookie\)" is a javascript: URL/);
    expect(report.steps.some((s) => s.url.startsWith('javascript:'))).toBe(false);
    expect(requested.some((u) => u.includes('alert'))).toBe(false);
  });
});

describe('challenge parsing on the wire', () => {
  it('reports an unparseable WWW-Authenticate as challenge-malformed', async () => {
    server = await startHttpServer((req, res) => {
      req.resume();
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="unterminated, resource_metadata=' }).end();
    });
    const report = await runProbe(`${server.origin}/mcp`);
    expect(ids(report)).toContain('error:challenge-malformed');
  });
});

describe('redirects on metadata', () => {
  it('follows a metadata redirect hop by hop, records it, and warns (prm-redirected)', async () => {
    server = await startHttpServer(mcpChallengeRoutes((req, res, origin) => {
      if (req.url === '/.well-known/oauth-protected-resource/mcp') return void res.writeHead(301, { location: '/moved/prm' }).end();
      if (req.url === '/moved/prm') return sendJson(res, prm(origin, origin));
      res.writeHead(404).end();
    }));
    const report = await runProbe(`${server.origin}/mcp`);
    expect(ids(report)).toContain('warning:prm-redirected');
    expect(report.steps[1]?.redirects).toEqual([`${server.origin}/moved/prm`]);
  });
});
