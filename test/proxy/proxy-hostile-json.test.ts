import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, freshHome } from './proxy-client.js';

/**
 * Hostile JSON both ways. The remote side is a small MCP server of our own: no real server answers
 * with 100,000 nested arrays (a fake only for this edge case). It needs no authorization, so the
 * proxy forwards without a credential.
 */
const deep = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

async function startHostileServer(): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => void (body += chunk.toString()));
    req.on('end', () => {
      if (req.method === 'GET') {
        // The server's own stream: a hostile event, then a proper notification.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: {"jsonrpc":"2.0","method":"notifications/message","params":{"x":${deep(100_000)}}}\n\n`);
        res.end('data: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"after the hostile event"}}\n\n');
        return;
      }
      if (req.method === 'DELETE') return void res.writeHead(405).end();
      const message = JSON.parse(body) as { id?: number; method: string };
      if (message.id === undefined) return void res.writeHead(202).end();
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' });
      if (message.method === 'initialize') {
        res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { protocolVersion: '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'hostile', version: '1' } } }));
      } else if (message.method === 'tools/list') {
        res.end(`{"jsonrpc":"2.0","id":${message.id},"result":{"tools":${deep(100_000)}}}`);
      } else {
        res.end(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} }));
      }
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/mcp`;
}

interface Answer { id: unknown; method?: string; result?: unknown; error?: { code: number; message: string }; params?: { data?: unknown } }

/** Writes the lines, waits until `done` holds for what came back, then closes stdin. */
function exchange(url: string, lines: string[], done: (answers: Answer[]) => boolean): Promise<{ answers: Answer[]; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'proxy', url], { env: { ...process.env, ...freshHome() }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const answers = (): Answer[] => out.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Answer);
    child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (done(answers())) child.stdin.end();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ answers: answers(), err, code }));
    for (const line of lines) child.stdin.write(`${line}\n`);
  });
}

describe('mcpauth proxy and hostile JSON', () => {
  it('answers deeply nested messages from the client and from the server with JSON-RPC errors, skips a hostile event, and keeps serving', async () => {
    const url = await startHostileServer();
    const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    const { answers, err, code } = await exchange(url, [
      initialize,
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      deep(200_000),
      `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"arguments":${deep(100)}}}`,
      JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
      JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'ping' }),
    ], (all) => all.some((a) => a.id === 4) && all.some((a) => a.method === 'notifications/message'));
    expect(code).toBe(0);
    const byId = (id: unknown): Answer | undefined => answers.find((answer) => answer.id === id && answer.method === undefined);
    // The two hostile client lines: an error each, with no id to trust.
    const fromClient = answers.filter((answer) => answer.id === null);
    expect(fromClient.map((answer) => answer.error?.code)).toEqual([-32600, -32600]);
    expect(fromClient[0]?.error?.message).toBe('Invalid Request: the message nests JSON deeper than 64 levels');
    expect(byId(2)).toBeUndefined();
    // The server's hostile answer: an error for that request only.
    expect(byId(3)?.error?.message).toContain('nests JSON deeper than 64 levels');
    expect(byId(1)?.result).toMatchObject({ serverInfo: { name: 'hostile' } });
    expect(byId(4)?.result).toEqual({});
    // The server's hostile event is skipped; the next one on the same stream arrives.
    const notes = answers.filter((answer) => answer.method === 'notifications/message');
    expect(notes.map((note) => note.params?.data)).toEqual(['after the hostile event']);
    expect(err).toContain('the client sent a message nesting JSON deeper than 64 levels; answered with an error');
    expect(err).toContain('the server sent an event nesting JSON deeper than 64 levels; it was skipped');
    expect(err).not.toMatch(/RangeError|Maximum call stack|internal:/);
  });
});
