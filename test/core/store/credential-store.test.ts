import { describe, expect, it } from 'vitest';
import type { SaveCredentialInput } from '../../../src/core/store/credential.js';
import { createCredentialStore } from '../../../src/core/store/credential-store.js';
import { createMemoryStoreDeps } from '../../helpers/memory-store.js';

function input(overrides: Partial<SaveCredentialInput> = {}): SaveCredentialInput {
  return {
    serverUrl: 'https://mcp.example.com/mcp',
    resource: 'https://mcp.example.com/mcp',
    issuer: 'https://as.example.com',
    clientId: 'client-1',
    tokenEndpointAuthMethod: 'none',
    scopes: ['mcp:tools'],
    tokenType: 'bearer',
    tokenEndpoint: 'https://as.example.com/token',
    secrets: { accessToken: 'at-1', refreshToken: 'rt-1' },
    ...overrides,
  };
}

describe('credential store (core)', () => {
  it('saves, finds by a differently spelled URL, reads secrets and lists', async () => {
    const memory = createMemoryStoreDeps();
    const store = createCredentialStore(memory.deps);
    const saved = await store.save(input());
    expect(saved).toMatchObject({ id: 'https://as.example.com https://mcp.example.com/mcp', refreshAvailable: true, secretLocation: 'file' });
    expect((await store.find('HTTPS://MCP.example.com:443/mcp/'))?.id).toBe(saved.id);
    expect(await store.find('https://mcp.example.com/other')).toBeUndefined();
    expect(await store.readSecrets(saved)).toEqual({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect((await store.list()).map((c) => c.id)).toEqual([saved.id]);
    // Secrets never land in the metadata document.
    expect(JSON.stringify(memory.document())).not.toContain('at-1');
    expect(JSON.stringify(memory.document())).not.toContain('rt-1');
  });

  it('keys by issuer and resource: another AS for the same server is a separate entry, find returns the newest', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const store = createCredentialStore(createMemoryStoreDeps('file', () => new Date((clock += 1000))).deps);
    await store.save(input());
    await store.save(input({ issuer: 'https://other-as.example.com', secrets: { accessToken: 'at-2' } }));
    const all = await store.findAll('https://mcp.example.com/mcp');
    expect(all.map((c) => c.issuer)).toEqual(['https://other-as.example.com', 'https://as.example.com']);
    expect((await store.find('https://mcp.example.com/mcp'))?.refreshAvailable).toBe(false);
  });

  it('replacing an entry keeps createdAt and updates the secrets; remove deletes both parts', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const memory = createMemoryStoreDeps('file', () => new Date((clock += 1000)));
    const store = createCredentialStore(memory.deps);
    const first = await store.save(input());
    const second = await store.save(input({ secrets: { accessToken: 'at-new', refreshToken: 'rt-new' } }));
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.updatedAt > first.updatedAt).toBe(true);
    expect((await store.readSecrets(second)).refreshToken).toBe('rt-new');
    expect(await store.remove(second.id)).toBe(true);
    expect(await store.remove(second.id)).toBe(false);
    expect(await store.list()).toEqual([]);
    expect(memory.secrets.size).toBe(0);
  });

  it('matches on the stored resource too, and ignores fragments and one trailing slash', async () => {
    const store = createCredentialStore(createMemoryStoreDeps().deps);
    await store.save(input({ serverUrl: 'https://mcp.example.com/mcp?x=1', resource: 'https://mcp.example.com/' }));
    expect(await store.find('https://mcp.example.com')).toBeDefined();
    expect(await store.find('https://mcp.example.com/#frag')).toBeDefined();
    expect(await store.find('https://mcp.example.com/mcp?x=1')).toBeDefined();
    expect(await store.find('https://mcp.example.com/mcp')).toBeUndefined();
  });

  it('keeps client registrations per issuer, with their secrets apart from the metadata', async () => {
    const memory = createMemoryStoreDeps();
    const store = createCredentialStore(memory.deps);
    const registration = {
      issuer: 'https://as.example.com',
      clientId: 'dcr-1',
      method: 'dcr' as const,
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: ['http://127.0.0.1/callback'],
      registeredAt: '2026-01-01T00:00:00.000Z',
    };
    await store.saveClientRegistration(registration, { clientSecret: 'shh' });
    expect(await store.getClientRegistration('https://as.example.com')).toEqual({
      registration: { ...registration, hasClientSecret: true, secretLocation: 'file' },
      secrets: { clientSecret: 'shh' },
    });
    // SEP-2352: a registration is never offered for another issuer.
    expect(await store.getClientRegistration('https://as.example.com/')).toBeUndefined();
    expect(JSON.stringify(memory.document())).not.toContain('shh');
  });

  it('refuses a metadata document from an unknown format version rather than overwriting it', async () => {
    const memory = createMemoryStoreDeps();
    await memory.deps.metadata.write({ version: 2 } as never);
    const store = createCredentialStore(memory.deps);
    await expect(store.list()).rejects.toThrow(/unsupported credential store format \(version 2\)/);
    await expect(store.save(input())).rejects.toThrow(/version 2/);
  });

  it('runs writes under the lock and reads without it', async () => {
    const memory = createMemoryStoreDeps();
    const store = createCredentialStore(memory.deps);
    await store.save(input());
    await store.list();
    await store.find('https://mcp.example.com/mcp');
    expect(memory.lockRuns()).toBe(1);
    await store.transaction(async (tx) => tx.remove('https://as.example.com https://mcp.example.com/mcp'));
    expect(memory.lockRuns()).toBe(2);
  });
});
