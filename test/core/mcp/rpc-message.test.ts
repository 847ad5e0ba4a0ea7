import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../src/core/mcp/rpc-message.js';

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
