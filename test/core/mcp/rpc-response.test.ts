import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../src/core/mcp/rpc-message.js';
import { parseRpcBody, RpcParseError } from '../../../src/core/mcp/rpc-response.js';

describe('parseRpcBody', () => {
  it('reads an application/json response', () => {
    expect(parseRpcBody('application/json; charset=utf-8', '{"jsonrpc":"2.0","id":3,"result":{"ok":true}}', 3).result).toEqual({ ok: true });
  });

  it('finds the response among event-stream notifications, with multi-line data', () => {
    const body = 'event: message\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{}}\n\nid: 7\ndata: {"jsonrpc":"2.0",\ndata: "id":2,"result":{"tools":[]}}\n\n';
    expect(parseRpcBody('text/event-stream', body, 2)).toEqual({ jsonrpc: '2.0', id: 2, result: { tools: [] } });
  });

  it('refuses other content types and a body without the awaited id', () => {
    expect(() => parseRpcBody('text/html', '<html>', 1)).toThrow(RpcParseError);
    expect(() => parseRpcBody('application/json', '{"jsonrpc":"2.0","id":9,"result":{}}', 1)).toThrow('no JSON-RPC response with id 1');
  });
});

describe('buildMessage', () => {
  const clientInfo = { name: 'mcpauth', version: '0' };

  it('2026-07-28: _meta with version and capabilities, and the routing headers', () => {
    const message = buildMessage('tools/call', { name: 'echo', arguments: {} }, { id: 4, version: '2026-07-28', clientInfo });
    expect(message.headers).toMatchObject({ 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' });
    expect(message.body.params?._meta).toMatchObject({ 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} });
  });

  it('stateful revisions: no _meta, the negotiated version header only once known', () => {
    const before = buildMessage('initialize', {}, { id: 1, version: '2025-11-25', clientInfo });
    expect(before.headers['mcp-protocol-version']).toBeUndefined();
    expect(before.body.params).toEqual({});
    const after = buildMessage('tools/list', {}, { id: 2, version: '2025-11-25', clientInfo, versionHeader: '2025-06-18' });
    expect(after.headers['mcp-protocol-version']).toBe('2025-06-18');
  });
});
