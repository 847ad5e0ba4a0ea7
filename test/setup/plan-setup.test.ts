import { describe, expect, it } from 'vitest';
import { defaultServerName, planSetup, type ServerFacts, type SetupRequest } from '../../src/core/setup/plan-setup.js';
import { getWriter } from '../../src/core/setup/setup-targets.js';

const request: SetupRequest = {
  url: 'https://mcp.example.com/mcp', name: 'example', proxyCommand: { command: '/usr/bin/node', args: ['/opt/mcpauth/bin/mcpauth.js', 'proxy', 'https://mcp.example.com/mcp'] },
  forceProxy: false, clientId: undefined, callbackPort: 19876,
};
const works = (registration: ServerFacts['registration']): ServerFacts => ({
  requiresAuth: true, registration,
  compat: [{ client: '2025-11-25 lenient (TS/Python SDK v1)', verdict: 'works', reason: '' }, { client: '2025-11-25 strict (exact resource/issuer)', verdict: 'works', reason: '' }],
});

describe('planSetup: url entry or proxy', () => {
  it('a client that does OAuth itself gets a url entry when the AS offers DCR or CIMD', () => {
    for (const registration of ['dcr', 'cimd'] as const) {
      const plan = planSetup(getWriter('cursor')!, works(registration), request);
      expect(plan.entry).toEqual({ kind: 'url', name: 'example', url: request.url, callbackPort: 19876 });
      expect(getWriter('cursor')!.entry(plan.entry)).toEqual({ url: request.url });
    }
  });

  it('no DCR/CIMD: the pre-registered client_id in the client syntax, and the redirect URIs to register', () => {
    const plan = planSetup(getWriter('claude-code')!, works('none'), { ...request, clientId: 'my-app' });
    expect(getWriter('claude-code')!.entry(plan.entry)).toEqual({ type: 'http', url: request.url, oauth: { clientId: 'my-app', callbackPort: 19876 } });
    expect(plan.redirectUris).toEqual(['http://localhost:19876/callback']);
    const codex = planSetup(getWriter('codex')!, works('none'), { ...request, clientId: 'my-app' });
    expect(getWriter('codex')!.entry(codex.entry)).toEqual({ url: request.url, oauth: { client_id: 'my-app', callback_url: 'http://127.0.0.1:19876/callback' } });
    expect(getWriter('cursor')!.entry(planSetup(getWriter('cursor')!, works('none'), { ...request, clientId: 'my-app' }).entry)).toEqual({ url: request.url, auth: { CLIENT_ID: 'my-app' } });
  });

  it('no DCR/CIMD and no client_id, or a client without a client_id field: the proxy', () => {
    expect(planSetup(getWriter('cursor')!, works('none'), request).entry.kind).toBe('proxy');
    const vscode = planSetup(getWriter('vscode')!, works('none'), { ...request, clientId: 'my-app' });
    expect(vscode.entry.kind).toBe('proxy');
    expect(vscode.reasons[0]).toMatch(/no field for a client_id/);
  });

  it('the probe says the client generation fails: the proxy, with the reason', () => {
    const facts: ServerFacts = { ...works('dcr'), compat: [{ client: '2025-11-25 strict (exact resource/issuer)', verdict: 'fails', reason: 'prm-resource-near-match' }] };
    const plan = planSetup(getWriter('vscode')!, facts, request);
    expect(plan.entry.kind).toBe('proxy');
    expect(plan.reasons[0]).toContain('prm-resource-near-match');
    expect(planSetup(getWriter('cursor')!, facts, request).entry.kind).toBe('url');
  });

  it('clients without remote OAuth, an unprobeable server and --proxy: the proxy entry, with the absolute command', () => {
    const plan = planSetup(getWriter('claude-desktop')!, works('dcr'), request);
    expect(getWriter('claude-desktop')!.entry(plan.entry)).toEqual({ command: '/usr/bin/node', args: ['/opt/mcpauth/bin/mcpauth.js', 'proxy', request.url] });
    expect(planSetup(getWriter('cursor')!, undefined, request).entry.kind).toBe('proxy');
    expect(planSetup(getWriter('cursor')!, works('dcr'), { ...request, forceProxy: true }).entry.kind).toBe('proxy');
    expect(getWriter('opencode')!.entry(plan.entry)).toEqual({ type: 'local', command: ['/usr/bin/node', '/opt/mcpauth/bin/mcpauth.js', 'proxy', request.url] });
  });

  it('names a server after its host', () => {
    expect(defaultServerName('https://mcp.example.com/mcp')).toBe('mcp-example-com');
    expect(defaultServerName('http://[::1]:8080/mcp')).toBe('1');
  });
});

describe('the writers live in the client registry', () => {
  it('every writer is a registry entry, and "does OAuth itself" agrees with the entry', async () => {
    const { CLIENT_LIST } = await import('../../src/core/clients/index.js');
    const withWriter = CLIENT_LIST.filter((client) => client.setup !== undefined);
    expect(withWriter).toHaveLength(12);
    for (const client of withWriter) {
      expect(client.setup?.id).toBe(client.id);
      expect(client.setup?.native !== undefined, client.id).toBe(client.remoteOAuth === 'yes');
      expect(client.setup?.docs.length, client.id).toBeGreaterThan(0);
    }
  });
});
