import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { maskedDiff, rewriteConfig } from '../../../../src/core/rotate/config/rewrite-config.js';
import type { SecretSite } from '../../../../src/core/rotate/config/secret-site.js';

const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const API = 'sk-live-' + '9f8e7d6c5b4a39281706';
const OTHER = 'xoxb-' + '1234567890-0987654321-abcdefABCDEF';

function site(client: string, jsonPath: Array<string | number>, value: string, secret: string, envName: string, ruleId = 'github-pat'): SecretSite {
  return { file: 'cfg', client, jsonPath, value, secret, envName, ruleId };
}

function rewriteTwice(file: string, client: string, text: string, sites: SecretSite[]) {
  const first = rewriteConfig({ file, client, text, sites });
  const second = rewriteConfig({ file, client, text: first.after, sites });
  return { first, second };
}

describe('rotate --config rewrites, per client syntax', () => {
  it('Claude Code .mcp.json: ${VAR} in env and after "Bearer ", order and spacing kept, idempotent', () => {
    const text = `{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GH}" }
    },
    "api": { "type": "http", "url": "https://api.example.com/mcp", "headers": { "Authorization": "Bearer ${API}" } }
  }
}
`;
    const sites = [
      site('claude-code', ['mcpServers', 'github', 'env', 'GITHUB_PERSONAL_ACCESS_TOKEN'], GH, GH, 'GITHUB_PERSONAL_ACCESS_TOKEN'),
      site('claude-code', ['mcpServers', 'api', 'headers', 'Authorization'], `Bearer ${API}`, API, 'API_TOKEN', 'bearer-literal'),
    ];
    const { first, second } = rewriteTwice('.mcp.json', 'claude-code', text, sites);
    expect(first.after).toBe(
      text.replace(GH, '${GITHUB_PERSONAL_ACCESS_TOKEN}').replace(`Bearer ${API}`, 'Bearer ${API_TOKEN}'),
    );
    expect(first.moved.map(({ envName, ruleId }) => [envName, ruleId])).toEqual([['GITHUB_PERSONAL_ACCESS_TOKEN', 'github-pat'], ['API_TOKEN', 'bearer-literal']]);
    expect(first.moved[1]?.secret).toBe(API);
    expect(second.after).toBe(first.after);
    expect(second.moved).toEqual([]);
    expect(second.skipped.map((s) => s.reason)).toEqual(['already-referenced', 'already-referenced']);
  });

  it('Cursor and Windsurf: ${env:VAR}; a second different secret under the same name gets a suffix', () => {
    const text = `{"mcpServers":{"a":{"url":"https://a.example/mcp","headers":{"X-Api-Key":"${API}"}},"b":{"serverUrl":"https://b.example","headers":{"X-Api-Key":"${GH}"}}}}`;
    for (const client of ['cursor', 'windsurf']) {
      const result = rewriteConfig({
        file: 'mcp.json',
        client,
        text,
        sites: [site(client, ['mcpServers', 'a', 'headers', 'X-Api-Key'], API, API, 'KEY'), site(client, ['mcpServers', 'b', 'headers', 'X-Api-Key'], GH, GH, 'KEY')],
      });
      expect(result.after).toBe(text.replace(API, '${env:KEY}').replace(GH, '${env:KEY_2}'));
    }
  });

  it('VS Code JSONC: ${input:id} plus a password input; comments and trailing commas survive', () => {
    const text = `// workspace MCP servers
{
\t"inputs": [
\t\t// existing prompt
\t\t{ "type": "promptString", "id": "other", "description": "Other", "password": true },
\t],
\t"servers": {
\t\t"github": {
\t\t\t"type": "http",
\t\t\t"url": "https://api.githubcopilot.com/mcp/", // remote
\t\t\t"headers": { "Authorization": "Bearer ${GH}" },
\t\t},
\t},
}
`;
    const sites = [site('vscode', ['servers', 'github', 'headers', 'Authorization'], `Bearer ${GH}`, GH, 'GITHUB_TOKEN')];
    const { first, second } = rewriteTwice('.vscode/mcp.json', 'vscode', text, sites);
    expect(first.after).toContain('// workspace MCP servers');
    expect(first.after).toContain('// existing prompt');
    expect(first.after).toContain('// remote');
    expect(first.after).toContain('"Authorization": "Bearer ${input:github-token}"');
    expect(first.after).not.toContain(GH);
    const parsed = parseJsonc(first.after) as { inputs: Array<Record<string, unknown>>; servers: Record<string, unknown> };
    expect(parsed.inputs.map((input) => input.id)).toEqual(['other', 'github-token']);
    expect(parsed.inputs[1]).toMatchObject({ type: 'promptString', password: true });
    expect(Object.keys(parsed.servers.github as object)).toEqual(['type', 'url', 'headers']);
    expect(first.moved).toEqual([{ envName: 'GITHUB_TOKEN', secret: GH, ruleId: 'github-pat', inputId: 'github-token' }]);
    expect(second.after).toBe(first.after);
  });

  it('VS Code without an inputs array: one is added beside servers', () => {
    const text = `{\n  "servers": {\n    "s": { "command": "npx", "env": { "API_KEY": "${API}" } }\n  }\n}\n`;
    const result = rewriteConfig({ file: 'mcp.json', client: 'vscode', text, sites: [site('vscode', ['servers', 's', 'env', 'API_KEY'], API, API, 'API_KEY')] });
    const parsed = parseJsonc(result.after) as { inputs: unknown[]; servers: { s: { env: Record<string, string> } } };
    expect(parsed.servers.s.env.API_KEY).toBe('${input:api-key}');
    expect(parsed.inputs).toEqual([{ type: 'promptString', id: 'api-key', description: 'api-key (moved out of this file by mcpauth rotate)', password: true }]);
  });

  it('opencode: {env:VAR}; args items by index', () => {
    const text = `{"mcp":{"x":{"type":"local","command":["npx","srv","--api-key=${API}"]}}}`;
    const result = rewriteConfig({ file: 'opencode.json', client: 'opencode', text, sites: [site('opencode', ['mcp', 'x', 'command', 2], `--api-key=${API}`, API, 'X_API_KEY')] });
    expect(result.after).toBe(text.replace(API, '{env:X_API_KEY}'));
  });

  it('Claude Desktop and unknown clients are left alone, with the reason', () => {
    const text = `{"mcpServers":{"b":{"command":"x","env":{"K":"${API}"}}}}`;
    const desktop = rewriteConfig({ file: 'claude_desktop_config.json', client: 'claude-desktop', text, sites: [site('claude-desktop', ['mcpServers', 'b', 'env', 'K'], API, API, 'K')] });
    expect(desktop.after).toBe(text);
    expect(desktop.skipped[0]).toMatchObject({ reason: 'client-expands-nothing' });
    expect(desktop.skipped[0]?.detail).toContain('Claude Desktop expands no variables');
    const cline = rewriteConfig({ file: 'c.json', client: 'cline', text, sites: [site('cline', ['mcpServers', 'b', 'env', 'K'], API, API, 'K')] });
    expect(cline.skipped[0]?.reason).toBe('client-unknown');
  });

  it('the dry-run diff masks every secret', () => {
    const text = `{\n  "mcpServers": {\n    "g": { "env": { "T": "${GH}" } }\n  }\n}\n`;
    const result = rewriteConfig({ file: '.mcp.json', client: 'claude-code', text, sites: [site('claude-code', ['mcpServers', 'g', 'env', 'T'], GH, GH, 'T')] });
    const diff = maskedDiff(result);
    expect(diff).not.toContain(GH);
    expect(diff.replace(/#[0-9a-f]{8}/, '#HASH')).toMatchInlineSnapshot(`
      "--- a/.mcp.json
      +++ b/.mcp.json
      @@ -1,5 +1,5 @@
       {
         "mcpServers": {
      -    "g": { "env": { "T": "ghp_…[40 chars, #HASH]" } }
      +    "g": { "env": { "T": "\${T}" } }
         }
       }
      "
    `);
  });
});

describe('Codex config.toml: names in env_vars / bearer_token_env_var / env_http_headers, comments kept', () => {
  const toml = `# Codex config
model = "o4"

[mcp_servers.github]
command = "npx" # the server
args = ["-y", "mcp-server"]
env = { "GITHUB_TOKEN" = "${GH}", "LOG" = "debug" }

[mcp_servers.figma]
url = "https://mcp.figma.com/mcp"
http_headers = { "Authorization" = "Bearer ${API}", "X-Team" = "${GH}" }

[mcp_servers.other]
command = "srv"

[mcp_servers.other.env]
# secret below
OTHER_KEY = "${OTHER}"
`;
  const sites = [
    site('codex', ['mcp_servers', 'github', 'env', 'GITHUB_TOKEN'], GH, GH, 'GITHUB_TOKEN'),
    site('codex', ['mcp_servers', 'figma', 'http_headers', 'Authorization'], `Bearer ${API}`, API, 'FIGMA_TOKEN', 'bearer-literal'),
    site('codex', ['mcp_servers', 'figma', 'http_headers', 'X-Team'], GH, GH, 'FIGMA_X_TEAM'),
    site('codex', ['mcp_servers', 'other', 'env', 'OTHER_KEY'], OTHER, OTHER, 'OTHER_KEY'),
  ];

  it('moves each literal out and names it where Codex reads it', () => {
    const { first, second } = rewriteTwice('.codex/config.toml', 'codex', toml, [sites[0]!, sites[1]!, sites[3]!]);
    expect(first.skipped).toEqual([]);
    expect(first.moved.map((entry) => entry.envName)).toEqual(['GITHUB_TOKEN', 'FIGMA_TOKEN', 'OTHER_KEY']);
    expect(first.after.replaceAll(GH, 'GH_LITERAL')).toMatchInlineSnapshot(`
      "# Codex config
      model = "o4"

      [mcp_servers.github]
      command = "npx" # the server
      args = ["-y", "mcp-server"]
      env = { "LOG" = "debug" }
      env_vars = ["GITHUB_TOKEN"]

      [mcp_servers.figma]
      url = "https://mcp.figma.com/mcp"
      http_headers = { "X-Team" = "GH_LITERAL" }
      bearer_token_env_var = "FIGMA_TOKEN"

      [mcp_servers.other]
      command = "srv"
      env_vars = ["OTHER_KEY"]

      [mcp_servers.other.env]
      # secret below
      "
    `);
    expect(second.after).toBe(first.after);
  });

  it('keeps the server working: the parsed result names every moved variable', () => {
    const { first } = rewriteTwice('.codex/config.toml', 'codex', toml, sites.slice(0, 3));
    const third = rewriteConfig({ file: 'c.toml', client: 'codex', text: first.after, sites: [site('codex', ['mcp_servers', 'figma', 'http_headers', 'X-Team'], GH, GH, 'FIGMA_X_TEAM')] });
    const parsed = parseToml(third.after) as { mcp_servers: Record<string, Record<string, unknown>> };
    expect(parsed.mcp_servers.figma).toEqual({ url: 'https://mcp.figma.com/mcp', bearer_token_env_var: 'FIGMA_TOKEN', env_http_headers: { 'X-Team': 'GITHUB_TOKEN' } });
    expect(third.after).not.toContain(GH);
  });

  it('args are not rewritable in Codex: said so, file unchanged', () => {
    const text = `[mcp_servers.a]\ncommand = "x"\nargs = ["--key", "${API}"]\n`;
    const result = rewriteConfig({ file: 'c.toml', client: 'codex', text, sites: [site('codex', ['mcp_servers', 'a', 'args', 1], API, API, 'A_API_KEY')] });
    expect(result.after).toBe(text);
    expect(result.skipped[0]?.reason).toBe('field-not-rewritable');
  });
});
