import { describe, expect, it } from 'vitest';
import { createMcpClient, type McpFetch } from '../../../src/core/mcp/mcp-client.js';
import { McpProtocolError } from '../../../src/core/mcp/mcp-error.js';
import type { DeclinedRequest } from '../../../src/core/mcp/server-requests.js';

// Scripted wire answers for the fine-grained cases (chunk boundaries, retry values, a forgotten
// session); the same behaviours against real SDK servers are in test/interop/ and test/commands/call*.

interface Sent {
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

type Reply = (sent: Sent) => Response;

const sse = (...chunks: string[]): Response =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream', 'mcp-session-id': 'session-1' } },
  );
const json = (value: unknown, status = 200): Response => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
const accepted = (): Response => new Response(null, { status: 202 });
const event = (value: unknown, id?: string): string => `${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(value)}\n\n`;
const initResult = (id: number, version = '2025-11-25') => ({ jsonrpc: '2.0', id, result: { protocolVersion: version, capabilities: {}, serverInfo: { name: 'scripted' } } });

function scripted(replies: Reply[]): { fetch: McpFetch; sent: Sent[]; sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const fetch: McpFetch = async (_url, init) => {
    const record: Sent = { method: init.method, headers: init.headers, body: init.body === undefined ? undefined : (JSON.parse(init.body) as Record<string, unknown>) };
    sent.push(record);
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected request ${init.method} ${init.body ?? ''}`);
    return reply(record);
  };
  return { fetch, sent, sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

function client(script: ReturnType<typeof scripted>, declined: DeclinedRequest[] = [], version: '2025-11-25' | '2025-03-26' = '2025-11-25') {
  return createMcpClient({ url: 'http://127.0.0.1:1/mcp', fetch: script.fetch, version, clientInfo: { name: 't', version: '0' }, accessToken: 'tok', sleep: script.sleep, onDeclined: (d) => declined.push(d) });
}

describe('Streamable HTTP client', () => {
  it('skips priming events and comments, reads several events split across chunks, and keeps the session', async () => {
    const progress = { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } };
    const script = scripted([
      () => sse('id: p0\nretry: 500\ndata: \n\n', ': keep-alive comment\n\n', event(initResult(1)).slice(0, 25), event(initResult(1)).slice(25)),
      () => accepted(),
      () => sse('id: p1\ndata:\n\n', event(progress, 'e1'), event({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hi' } }), event({ jsonrpc: '2.0', id: 2, result: { tools: [{ name: 'echo' }] } }, 'e2')),
    ]);
    const mcp = client(script);
    expect((await mcp.connect()).protocolVersion).toBe('2025-11-25');
    expect(await mcp.listTools()).toEqual([{ name: 'echo' }]);
    expect(script.sent.map((s) => s.body?.method)).toEqual(['initialize', 'notifications/initialized', 'tools/list']);
    expect(script.sent[2]?.headers).toMatchObject({ 'mcp-session-id': 'session-1', 'mcp-protocol-version': '2025-11-25', authorization: 'Bearer tok' });
  });

  it('answers ping, declines elicitation, sampling and roots with a JSON-RPC error, and says what was asked', async () => {
    const asks = [
      { jsonrpc: '2.0', id: 'a', method: 'ping' },
      { jsonrpc: '2.0', id: 'b', method: 'elicitation/create', params: { message: 'Please provide your contact information', requestedSchema: {} } },
      { jsonrpc: '2.0', id: 'c', method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: 'Summarise' } }] } },
      { jsonrpc: '2.0', id: 'd', method: 'roots/list' },
    ];
    const script = scripted([() => json(initResult(1)), () => accepted(), () => sse(...asks.map((a) => event(a)), event({ jsonrpc: '2.0', id: 2, result: { content: [] } })), accepted, accepted, accepted, accepted]);
    const declined: DeclinedRequest[] = [];
    const mcp = client(script, declined);
    await mcp.connect();
    await mcp.callTool('collect', {});
    const answers = script.sent.slice(3).map((s) => s.body);
    expect(answers[0]).toEqual({ jsonrpc: '2.0', id: 'a', result: {} });
    expect(answers.slice(1).map((a) => [a?.id, (a?.error as { code: number }).code])).toEqual([['b', -32601], ['c', -32601], ['d', -32601]]);
    expect(declined.map((d) => `${d.method}: ${d.asked}`)).toEqual([
      'elicitation/create: user input: "Please provide your contact information"',
      'sampling/createMessage: a completion from the client\'s language model: "Summarise"',
      "roots/list: the list of the client's filesystem roots",
    ]);
  });

  it('resumes a stream closed after priming with GET and Last-Event-ID, after the retry interval', async () => {
    const script = scripted([
      () => json(initResult(1)),
      () => accepted(),
      () => sse('id: s1\nretry: 250\ndata: \n\n'),
      () => sse(event({ jsonrpc: '2.0', id: 2, result: { content: [{ type: 'text', text: 'late' }] } }, 's2')),
    ]);
    const mcp = client(script);
    await mcp.connect();
    expect(await mcp.callTool('slow', {})).toEqual({ content: [{ type: 'text', text: 'late' }] });
    expect(script.sleeps).toEqual([250]);
    expect(script.sent[3]).toMatchObject({ method: 'GET', headers: { 'last-event-id': 's1', accept: 'text/event-stream', 'mcp-session-id': 'session-1' } });
  });

  it('gives up after bounded reconnects that bring nothing, and when there is no id to resume from', async () => {
    const primingOnly = () => sse('id: s1\ndata: \n\n');
    const script = scripted([() => json(initResult(1)), () => accepted(), primingOnly, primingOnly, primingOnly, primingOnly, primingOnly, primingOnly]);
    const mcp = client(script);
    await mcp.connect();
    await expect(mcp.listTools()).rejects.toThrow('closed the event stream 5 times in a row');
    const bare = scripted([() => json(initResult(1)), () => accepted(), () => sse(': nothing\n\n')]);
    const other = client(bare);
    await other.connect();
    await expect(other.listTools()).rejects.toThrow(McpProtocolError);
  });

  it('re-initializes once when the server forgot the session (404), then retries the request', async () => {
    const script = scripted([
      () => sse(event(initResult(1))),
      () => accepted(),
      () => json({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }, 404),
      () => new Response(JSON.stringify(initResult(3)), { status: 200, headers: { 'content-type': 'application/json', 'mcp-session-id': 'session-2' } }),
      () => accepted(),
      () => json({ jsonrpc: '2.0', id: 4, result: { tools: [] } }),
    ]);
    const mcp = client(script);
    await mcp.connect();
    expect(await mcp.listTools()).toEqual([]);
    expect(script.sent.map((s) => s.body?.method)).toEqual(['initialize', 'notifications/initialized', 'tools/list', 'initialize', 'notifications/initialized', 'tools/list']);
    expect(mcp.sessionId).toBe('session-2');
  });

  it('follows a server that negotiates an older revision, and refuses one it does not know', async () => {
    const older = scripted([() => json(initResult(1, '2025-03-26')), () => accepted(), () => json({ jsonrpc: '2.0', id: 2, result: { tools: [] } })]);
    const mcp = client(older);
    expect((await mcp.connect()).protocolVersion).toBe('2025-03-26');
    await mcp.listTools();
    expect(older.sent[2]?.headers['mcp-protocol-version']).toBeUndefined();
    const unknown = scripted([() => json(initResult(1, '1999-01-01'))]);
    await expect(client(unknown).connect()).rejects.toThrow('does not speak');
  });

  it('refuses a 202 or an empty body as the answer to a request', async () => {
    const script = scripted([() => accepted()]);
    await expect(client(script).connect()).rejects.toThrow('no response to the request');
  });
});
