import { describe, expect, test } from 'vitest';
import { hasValidGithubChecksum, withGithubChecksum } from '../../../src/core/audit/github-checksum.js';
import { isPlaceholder } from '../../../src/core/audit/false-positives.js';
import { findReferences, isPureReference } from '../../../src/core/audit/references.js';
import { AUDIT_RULES } from '../../../src/core/audit/rules.js';
import { scanFileText } from '../../../src/core/audit/scan-file.js';
import { TOKEN_FORMATS } from '../../../src/core/audit/detect-tokens.js';
import { FAKE_SECRETS } from './fake-secrets.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function ruleIds(file: string, text: string): string[] {
  return scanFileText(file, text, NOW).findings.map((f) => f.ruleId);
}

function env(name: string, value: string): string {
  return JSON.stringify({ mcpServers: { s: { command: 'node', env: { [name]: value } } } });
}

describe('token formats', () => {
  test('at least 40 vendor kinds, every one with a rule', () => {
    expect(TOKEN_FORMATS.length).toBeGreaterThanOrEqual(40);
    const ids = new Set(AUDIT_RULES.map((rule) => rule.id));
    for (const format of TOKEN_FORMATS) expect(ids.has(format.id)).toBe(true);
    expect(ids.size).toBe(AUDIT_RULES.length);
  });

  test('GitHub CRC32 checksum: valid tokens pass, one changed character fails', () => {
    const token = withGithubChecksum('ghp', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123');
    expect(hasValidGithubChecksum(token)).toBe(true);
    expect(hasValidGithubChecksum(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(hasValidGithubChecksum(withGithubChecksum('npm', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123'))).toBe(true);
  });

  test('a checksum mismatch is a warning, a valid one an error', () => {
    const good = scanFileText('.mcp.json', env('GH', FAKE_SECRETS.GITHUB_PAT ?? ''), NOW).findings[0];
    const bad = scanFileText('.mcp.json', env('GH', FAKE_SECRETS.GITHUB_PAT_BADSUM ?? ''), NOW).findings[0];
    expect([good?.ruleId, good?.severity]).toEqual(['github-pat', 'error']);
    expect([bad?.ruleId, bad?.severity]).toEqual(['github-pat', 'warning']);
  });

  test('Supabase JWTs are decoded: service_role is a secret, anon is info', () => {
    const service = scanFileText('.mcp.json', env('SUPABASE_KEY', FAKE_SECRETS.SUPABASE_SERVICE ?? ''), NOW).findings;
    const anon = scanFileText('.mcp.json', env('SUPABASE_KEY', FAKE_SECRETS.SUPABASE_ANON ?? ''), NOW).findings;
    expect(service.map((f) => [f.ruleId, f.severity])).toEqual([['supabase-service-role-key', 'error']]);
    expect(anon.map((f) => [f.ruleId, f.severity])).toEqual([['supabase-anon-key', 'info']]);
  });

  test('documented examples, placeholders and references are not secrets', () => {
    expect(ruleIds('.mcp.json', env('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'))).toEqual([]);
    expect(ruleIds('.mcp.json', env('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'))).toEqual([]);
    expect(ruleIds('.mcp.json', env('GITHUB_TOKEN', '${GITHUB_TOKEN}'))).toEqual([]);
    expect(ruleIds('.mcp.json', env('GITHUB_TOKEN', '<YOUR_TOKEN>'))).toEqual(['placeholder-value']);
    expect(ruleIds('.mcp.json', env('NOTION_TOKEN', 'ntn_****'))).toEqual(['placeholder-value']);
    expect(ruleIds('.mcp.json', env('SLACK_BOT_TOKEN', 'xoxb-your-bot-token'))).toEqual(['placeholder-value']);
    expect(ruleIds('.mcp.json', env('LOG_LEVEL', 'debug'))).toEqual([]);
    expect(ruleIds('.mcp.json', env('MAX_TOKENS', 'a8f3Kq9Zx2Lm7Pw4Rt6Y'))).toEqual([]);
  });

  test('a real token hidden as a ${VAR:-default} default is found, at the default', () => {
    const text = env('KEY', `\${KEY:-${FAKE_SECRETS.GROQ}}`);
    const findings = scanFileText('.mcp.json', text, NOW).findings;
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['groq-api-key', 1, text.indexOf('gsk_') + 1]]);
  });

  test('bearer, basic, DSN and split-flag credentials', () => {
    const opaque = FAKE_SECRETS.OPAQUE ?? '';
    const basic = Buffer.from('svc:Sup3rS3cretPw').toString('base64');
    const config = { mcpServers: { s: { url: 'https://x.example/mcp', headers: { Authorization: `Basic ${basic}` }, args: ['--access-token', opaque, '--header', `Authorization: Bearer ${opaque}`, 'mysql://root:R00tPassw0rd1@db:3306/x'] } } };
    expect(ruleIds('.mcp.json', JSON.stringify(config)).sort()).toEqual(['basic-auth-header', 'bearer-literal', 'generic-secret', 'url-credentials']);
  });
});

describe('references', () => {
  test('recognises every client syntax', () => {
    const syntaxes = ['${A}', '${A:-b}', '$A', '%A%', '${env:A}', '${input:a-b}', '${file:/x}', '${workspaceFolder}', '{env:A}', '${{ secrets.A }}'].map((value) => findReferences(value)[0]?.syntax);
    expect(syntaxes).toEqual(['dollar-brace', 'dollar-brace-default', 'dollar', 'percent', 'env-colon', 'input', 'file', 'predefined', 'opencode-env', 'continue-secret']);
    expect(isPureReference('Bearer ${TOKEN}', findReferences('Bearer ${TOKEN}'))).toBe(false);
    expect(isPureReference('${TOKEN}', findReferences('${TOKEN}'))).toBe(true);
  });

  test('placeholder corpus from MCP server READMEs', () => {
    for (const value of ['<YOUR_TOKEN>', 'YOUR_API_KEY_HERE', 'your-api-key', 'your_api_token', 'fc-YOUR_API_KEY', 'ntn_****', 'YOUR_GITHUB_PAT', '...', 'changeme', '<personal-access-token>']) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    expect(isPlaceholder('a8f3Kq9Zx2Lm7Pw4Rt6Y')).toBe(false);
  });
});

describe('client detection by root key and place', () => {
  test('.mcp.json is Claude Code with mcpServers and Visual Studio with servers', () => {
    const claude = scanFileText('.mcp.json', env('X', '${env:X}'), NOW).findings;
    const vs = scanFileText('.mcp.json', JSON.stringify({ servers: { s: { env: { X: '${X}' } } } }), NOW).findings;
    expect(claude.map((f) => [f.client, f.ruleId])).toEqual([['claude-code', 'reference-not-expanded']]);
    expect(vs.map((f) => [f.client, f.ruleId])).toEqual([['visual-studio', 'reference-not-expanded']]);
  });

  test('any JSON/TOML/YAML with an MCP server map is scanned; other files are not', () => {
    expect(scanFileText('tools/agents.json', env('K', FAKE_SECRETS.GROQ ?? ''), NOW).findings[0]?.client).toBe('generic');
    expect(scanFileText('package.json', JSON.stringify({ name: 'x', token: FAKE_SECRETS.GROQ }), NOW).isConfig).toBe(false);
  });

  test('a config that does not parse is a finding with its position', () => {
    const scan = scanFileText('.cursor/mcp.json', '{\n  "mcpServers": {\n    "a": [\n}', NOW);
    expect(scan.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['parse-error', 4, 1], ['parse-error', 4, 2]]);
    const toml = scanFileText('.codex/config.toml', '[mcp_servers.x]\ncommand = "npx\n', NOW);
    expect(toml.findings.map((f) => [f.ruleId, f.line])).toEqual([['parse-error', 2]]);
  });
});
