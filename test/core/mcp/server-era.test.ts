import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpClient, type McpFetch, type ProtocolFallback } from '../../../src/core/mcp/mcp-client.js';
import { McpHttpError, McpProtocolError } from '../../../src/core/mcp/mcp-error.js';
import { startHarness, type Harness } from '../../harness/index.js';

// 2026-07-28 basic/versioning §Backward Compatibility: a client speaking the stateless revision to a
// server of an earlier one (here the SDK 1.x server of our harness, stateless and with sessions) falls
// back to initialize; a modern error answer does not make it fall back.

interface Sent {
  method: string | undefined;
  headers: Record<string, string>;
}

function recording(): { fetch: McpFetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: McpFetch = async (url, init) => {
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as { method?: string });
    sent.push({ method: body?.method ?? init.method, headers: init.headers });
    return globalThis.fetch(url, { method: init.method, headers: init.headers, ...(init.body === undefined ? {} : { body: init.body }) });
  };
  return { fetch, sent };
}

describe.each([
  ['stateless JSON', {}],
  ['SSE with sessions and priming', { responses: 'sse' as const, sessions: true }],
])('a 2026-07-28 client and the harness server (%s)', (_name, mcp) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ mcp });
  });
  afterAll(async () => harness?.close());

  it('falls back from server/discover to initialize, says so once, and keeps the legacy revision', async () => {
    const wire = recording();
    const fallbacks: ProtocolFallback[] = [];
    const token = await harness.as.signAccessToken();
    const client = createMcpClient({ url: harness.mcpUrl, fetch: wire.fetch, version: '2026-07-28', clientInfo: { name: 't', version: '0' }, accessToken: token, onFallback: (f) => fallbacks.push(f) });
    const hello = await client.connect();
    const tools = await client.listTools();
    await client.close();
    expect(hello).toMatchObject({ via: 'initialize', protocolVersion: '2025-11-25', fallback: { from: '2026-07-28', to: '2025-11-25' } });
    expect(fallbacks).toEqual([hello.fallback]);
    expect(tools.map((t) => t.name)).toContain('echo');
    expect(client.protocolVersion).toBe('2025-11-25');
    expect(wire.sent.map((s) => s.method).slice(0, 4)).toEqual(['server/discover', 'initialize', 'notifications/initialized', 'tools/list']);
    // After the fallback the requests are the legacy ones: no per-request routing headers.
    expect(wire.sent[3]?.headers['mcp-method']).toBeUndefined();
    expect(wire.sent[3]?.headers['mcp-protocol-version']).toBe('2025-11-25');
  });

  it('does not fall back on a 401: that is authorization, not an older server', async () => {
    const wire = recording();
    const client = createMcpClient({ url: harness.mcpUrl, fetch: wire.fetch, version: '2026-07-28', clientInfo: { name: 't', version: '0' } });
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpHttpError);
    expect((error as McpHttpError).status).toBe(401);
    expect(wire.sent.map((s) => s.method)).toEqual(['server/discover']);
  });
});

// A modern server's errors cannot come from our SDK 1.x harness: scripted answers.
function modern(answer: { status: number; error: Record<string, unknown> }): { fetch: McpFetch; sent: string[] } {
  const sent: string[] = [];
  const fetch: McpFetch = async (_url, init) => {
    sent.push((JSON.parse(init.body ?? '{}') as { method: string }).method);
    return new Response(JSON.stringify({ jsonrpc: '2.0', id: 1, error: answer.error }), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, sent };
}

describe('a 2026-07-28 client and a modern server that refuses the request', () => {
  it('does not fall back on a recognized modern error (HeaderMismatch)', async () => {
    const wire = modern({ status: 400, error: { code: -32020, message: 'Header mismatch' } });
    const client = createMcpClient({ url: 'http://127.0.0.1:1/mcp', fetch: wire.fetch, version: '2026-07-28', clientInfo: { name: 't', version: '0' } });
    await expect(client.connect()).rejects.toBeInstanceOf(McpHttpError);
    expect(wire.sent).toEqual(['server/discover']);
  });

  it('names both sides when UnsupportedProtocolVersionError lists no version mcpauth speaks', async () => {
    const wire = modern({ status: 400, error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2099-01-01'], requested: '2026-07-28' } } });
    const client = createMcpClient({ url: 'http://127.0.0.1:1/mcp', fetch: wire.fetch, version: '2026-07-28', clientInfo: { name: 't', version: '0' } });
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpProtocolError);
    expect((error as Error).message).toContain('it supports 2099-01-01');
    expect(wire.sent).toEqual(['server/discover']);
  });

  it('offers the newest mutually supported stateful version when the server lists one', async () => {
    const sent: Array<{ method: string; version?: unknown }> = [];
    const fetch: McpFetch = async (_url, init) => {
      const body = JSON.parse(init.body ?? '{}') as { id?: number; method: string; params?: { protocolVersion?: unknown } };
      sent.push({ method: body.method, version: body.params?.protocolVersion });
      if (body.method === 'server/discover') {
        const error = { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2025-03-26', '2025-06-18'] } };
        return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, error }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      if (body.id === undefined) return new Response(null, { status: 202 });
      const result = { protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'dual-era' } };
      return new Response(JSON.stringify({ jsonrpc: '2.0', id: body.id, result }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = createMcpClient({ url: 'http://127.0.0.1:1/mcp', fetch, version: '2026-07-28', clientInfo: { name: 't', version: '0' } });
    const hello = await client.connect();
    expect(hello.fallback?.reason).toContain('supports 2025-03-26, 2025-06-18');
    expect(sent).toEqual([{ method: 'server/discover' }, { method: 'initialize', version: '2025-06-18' }, { method: 'notifications/initialized' }]);
  });
});
