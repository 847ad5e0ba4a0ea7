import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scanFileText } from '../../../src/core/audit/scan-file.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const FILES = ['.mcp.json', '.vscode/mcp.json', '.codex/config.toml', 'config.yaml', '.continue/mcpServers/x.yaml', '.env', 'opencode.jsonc'];

// Fragments that steer random text towards the shapes the parsers and detectors care about.
const FRAGMENTS = ['{', '}', '[', ']', '"', "'", ':', ',', '=', '\n', '#', '//', '/*', '*/', '\\', '${', '}}', '${{', ':-', 'mcpServers', 'servers', 'mcp_servers', 'extensions', 'env', 'args', 'headers', 'Authorization', 'Bearer ', 'ghp_', 'eyJ', '-----BEGIN PRIVATE KEY-----', '://', 'user:pw@', '?apiKey=', '\t', '- ', '[mcp_servers.x]', 'envs:', '\uFEFF', '\u0000'];

const noisyText = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 80 }).map((parts) => parts.join(''));

function assertWellFormed(file: string, text: string): void {
  const scan = scanFileText(file, text, NOW);
  for (const finding of scan.findings) {
    expect(finding.line).toBeGreaterThanOrEqual(1);
    expect(finding.column).toBeGreaterThanOrEqual(1);
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  }
}

describe('random and malformed input never crashes the scanner', () => {
  test('random text in every format', () => {
    fc.assert(fc.property(fc.constantFrom(...FILES), noisyText, (file, text) => assertWellFormed(file, text)), { numRuns: 1500 });
  });

  test('valid JSON values of any shape under MCP root keys', () => {
    const root = fc.record({ mcpServers: fc.jsonValue(), servers: fc.jsonValue(), inputs: fc.jsonValue() }, { requiredKeys: [] });
    fc.assert(fc.property(root, fc.constantFrom('.mcp.json', '.vscode/mcp.json'), (value, file) => assertWellFormed(file, JSON.stringify(value, null, 2))), { numRuns: 500 });
  });

  test('truncated configs: every prefix of a real config', () => {
    const config = '[mcp_servers.x]\ncommand = "npx"\nargs = ["-y", "a@1.0.0"]\nenv = { "K" = "${K:-v}" }\n';
    const yaml = 'extensions:\n  g:\n    cmd: npx\n    envs: { TOKEN: "abc" }\n    uri: http://h/x?token=1\n';
    for (let i = 0; i <= config.length; i += 1) assertWellFormed('.codex/config.toml', config.slice(0, i));
    for (let i = 0; i <= yaml.length; i += 1) assertWellFormed('config.yaml', yaml.slice(0, i));
  });
});
