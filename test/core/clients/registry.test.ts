import { describe, expect, it } from 'vitest';
import { CLIENT_LIST, CLIENTS, detectClient, userConfigFiles, type HostFacts } from '../../../src/core/clients/index.js';
import { parseConfig, fileKindOf } from '../../../src/core/audit/parse-config.js';

function detect(path: string, text: string): string | undefined {
  const kind = fileKindOf(path);
  if (!kind) return undefined;
  const detected = detectClient(path, parseConfig(kind, text).root);
  return detected && `${detected.profile.id}:${detected.serverPath.join('.')}`;
}

describe('client registry', () => {
  it('has one entry per id, each with a name, sources and a way to reference secrets', () => {
    expect(new Set(CLIENT_LIST.map((c) => c.id)).size).toBe(CLIENT_LIST.length);
    for (const client of CLIENT_LIST) {
      expect(client.name.length, client.id).toBeGreaterThan(0);
      expect(client.sources.length, client.id).toBeGreaterThan(0);
      expect(CLIENTS[client.id]).toBe(client);
    }
  });

  it('places user files per OS: XDG on Linux, Application Support on macOS, %APPDATA% on Windows', () => {
    const linux: HostFacts = { platform: 'linux', home: '/home/u', env: { XDG_CONFIG_HOME: '/xdg' } };
    const mac: HostFacts = { platform: 'darwin', home: '/Users/u', env: {} };
    const windows: HostFacts = { platform: 'win32', home: 'C:\\Users\\u', env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming', LOCALAPPDATA: 'C:\\L' } };
    const paths = (host: HostFacts, client: string) => userConfigFiles(host).filter((f) => f.client === client).map((f) => f.path);
    expect(paths(linux, 'vscode')).toEqual(['/xdg/Code/User/mcp.json', '/xdg/Code/User/settings.json']);
    expect(paths(mac, 'vscode')).toEqual(['/Users/u/Library/Application Support/Code/User/mcp.json', '/Users/u/Library/Application Support/Code/User/settings.json']);
    expect(paths(windows, 'vscode')).toEqual(['C:\\Users\\u\\AppData\\Roaming\\Code\\User\\mcp.json', 'C:\\Users\\u\\AppData\\Roaming\\Code\\User\\settings.json']);
    expect(paths(linux, 'claude-desktop')).toEqual([]);
    expect(paths(mac, 'claude-desktop')).toEqual(['/Users/u/Library/Application Support/Claude/claude_desktop_config.json']);
    expect(paths(windows, 'claude-desktop')).toEqual(['C:\\Users\\u\\AppData\\Roaming\\Claude\\claude_desktop_config.json']);
    expect(paths(windows, 'crush')).toEqual(['C:\\L\\crush\\crush.json']);
    expect(paths(linux, 'codex')).toEqual(['/home/u/.codex/config.toml']);
    expect(paths({ ...linux, env: { CODEX_HOME: '/c' } }, 'codex')).toEqual(['/c/config.toml']);
    expect(paths(linux, 'claude-code')).toEqual(['/home/u/.claude.json']);
    expect(paths(linux, 'amp')).toEqual(['/xdg/amp/settings.json']);
  });

  it('never lists one file twice', () => {
    const files = userConfigFiles({ platform: 'linux', home: '/h', env: {} }).map((f) => f.path);
    expect(new Set(files).size).toBe(files.length);
  });

  it('detects by place when the map is there, else by root key', () => {
    expect(detect('.mcp.json', '{"mcpServers":{}}')).toBe('claude-code:mcpServers');
    expect(detect('.mcp.json', '{"servers":{}}')).toBe('visual-studio:servers');
    expect(detect('.cursor/mcp.json', '{"mcpServers":{}}')).toBe('cursor:mcpServers');
    expect(detect('x/.gemini/antigravity/mcp_config.json', '{"mcpServers":{}}')).toBe('antigravity:mcpServers');
    expect(detect('any.json', '{"mcpServers":{}}')).toBe('generic:mcpServers');
    expect(detect('.vscode/settings.json', '{"mcp":{"servers":{}}}')).toBe('vscode:mcp.servers');
    expect(detect('opencode.json', '{"mcp":{"servers":{}}}')).toBe('opencode:mcp.servers');
    expect(detect('opencode.json', '{"mcp":{"gh":{}}}')).toBe('opencode:mcp');
    expect(detect('crush.json', '{"mcp":{"gh":{}}}')).toBe('crush:mcp');
    expect(detect('conf.json', '{"$schema":"https://charm.land/crush.json","mcp":{}}')).toBe('crush:mcp');
    expect(detect('settings.json', '{"amp.mcpServers":{}}')).toBe('amp:amp.mcpServers');
    expect(detect('config.json', '{"experimental":{"modelContextProtocolServers":[]}}')).toBe('continue:experimental.modelContextProtocolServers');
    expect(detect('.continue/mcpServers/a.json', '{"mcpServers":{}}')).toBe('continue:mcpServers');
    expect(detect('config.toml', '[mcp_servers.a]\ncommand="x"\n')).toBe('codex:mcp_servers');
    expect(detect('package.json', '{"name":"x","extensions":{"a":{"b":1}}}')).toBeUndefined();
    expect(detect('.kiro/agents/dev.json', '{"includeMcpJson":true,"allowedTools":["@git"]}')).toBe('kiro:');
    expect(detect('.aws/amazonq/cli-agents/a.json', '{"mcpServers":{},"allowedTools":[]}')).toBe('amazon-q:mcpServers');
  });
});
