import { describe, expect, test } from 'vitest';
import { scanFileText } from '../../../src/core/audit/scan-file.js';
import { FAKE_SECRETS } from './fake-secrets.js';

/** Each evasion the issue lists, closed: the secret is reported (or, for suppression, not silenced). */
const NOW = new Date('2026-06-01T00:00:00Z');
const GH = FAKE_SECRETS.GITHUB_PAT ?? '';
const OPAQUE = FAKE_SECRETS.OPAQUE ?? '';
const PATH_KEY = `k${OPAQUE}9Zq`;

const rules = (file: string, text: string): string[] => scanFileText(file, text, NOW).findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.severity}`);
const ruleIds = (file: string, text: string): string[] => scanFileText(file, text, NOW).findings.map((f) => f.ruleId);
const server = (entry: Record<string, unknown>): string => JSON.stringify({ mcpServers: { s: entry } });

describe('evasions that used to pass the gate', () => {
  test('a bearer scheme in any case', () => {
    expect(ruleIds('.mcp.json', server({ url: 'https://a.example/mcp', headers: { Authorization: `bearer ${OPAQUE}` } }))).toEqual(['bearer-literal']);
    expect(ruleIds('.mcp.json', server({ url: 'https://a.example/mcp', headers: { Authorization: `BEARER ${OPAQUE}` } }))).toEqual(['bearer-literal']);
  });

  test('mcpauth-ignore inside a strict-JSON string is text, not a comment', () => {
    const text = `{"mcpServers":{"g":{"env":{"T":"${GH}","note":"#mcpauth-ignore github-pat"}}}}`;
    expect(ruleIds('.mcp.json', text)).toEqual(['github-pat']);
  });

  test('a leading rule-less or rule-naming block comment does not silence a minified file', () => {
    const body = `{"mcpServers":{"g":{"env":{"T":"${GH}"}}}}`;
    expect(ruleIds('.vscode/mcp.json', `/* mcpauth-ignore */${body}`)).toEqual(['github-pat']);
    expect(ruleIds('.vscode/mcp.json', `/* mcpauth-ignore github-pat */${body}`)).toEqual(['github-pat']);
    // The real thing still works: a trailing comment naming the rule.
    const scan = scanFileText('.vscode/mcp.json', `${body} // mcpauth-ignore github-pat`, NOW);
    expect([scan.findings.length, scan.inlineSuppressed]).toEqual([0, 1]);
    expect(ruleIds('.vscode/mcp.json', `${body} // mcpauth-ignore`)).toEqual(['github-pat']);
  });

  test('# inside a quoted YAML or .env value is not a comment', () => {
    expect(ruleIds('.env', `NOTE="x\n# mcpauth-ignore generic-secret"\nAPI_TOKEN=${OPAQUE}\n`)).toEqual(['generic-secret']);
    expect(ruleIds('config.yaml', `extensions:\n  g:\n    cmd: npx\n    envs: { API_KEY: "${OPAQUE}", X: "# mcpauth-ignore generic-secret" }\n`)).toEqual(['generic-secret']);
  });

  test('a NUL byte early in the file', () => {
    expect(ruleIds('.mcp.json', `\u0000${server({ env: { T: GH } })}`)).toContain('github-pat');
  });

  test('a secret in the second YAML document', () => {
    const text = `extensions:\n  a:\n    cmd: npx\n---\nextensions:\n  b:\n    cmd: npx\n    envs: { API_KEY: "${OPAQUE}" }\n`;
    expect(rules('config.yaml', text)).toEqual(['8:23 generic-secret error']);
  });

  test('docker -e NAME=secret and --env=NAME=secret', () => {
    expect(ruleIds('.mcp.json', server({ command: 'docker', args: ['run', '-e', `API_KEY=${OPAQUE}`, 'img@sha256:1'] }))).toEqual(['generic-secret']);
    expect(ruleIds('.mcp.json', server({ command: 'docker', args: ['run', `--env=SERVICE_TOKEN=${OPAQUE}`] }))).toEqual(['generic-secret']);
  });

  test('-k and --key= arguments', () => {
    expect(ruleIds('.mcp.json', server({ command: 'srv', args: ['-k', OPAQUE] }))).toEqual(['generic-secret']);
    expect(ruleIds('.mcp.json', server({ command: 'srv', args: [`--key=${OPAQUE}`] }))).toEqual(['generic-secret']);
  });

  test('secrets in URL paths and fragments', () => {
    expect(ruleIds('.mcp.json', server({ url: `https://mcp.example.com/${PATH_KEY}/sse` }))).toEqual(['url-path-secret']);
    expect(ruleIds('.mcp.json', server({ url: `https://mcp.example.com/mcp#access_token=${OPAQUE}` }))).toEqual(['token-in-url', 'url-query-secret']);
    // Not a credential: UUIDs and commit hashes in paths.
    expect(ruleIds('.mcp.json', server({ url: 'https://mcp.example.com/5f0c1d2e-8a9b-4c3d-9e8f-0a1b2c3d4e5f/sse' }))).toEqual([]);
  });

  test('keys other than env and headers: apiKey, auth.token, password', () => {
    expect(ruleIds('.mcp.json', server({ url: 'https://a.example/mcp', apiKey: OPAQUE }))).toEqual(['generic-secret']);
    expect(ruleIds('.mcp.json', server({ url: 'https://a.example/mcp', auth: { token: OPAQUE } }))).toEqual(['generic-secret']);
    expect(ruleIds('.mcp.json', server({ command: 'db', password: 'hunter2!x' }))).toEqual(['password-literal']);
  });

  test('YAML aliases resolve to the anchored literal', () => {
    const text = `x-secrets: &creds\n  API_KEY: "${OPAQUE}"\nextensions:\n  g:\n    cmd: npx\n    envs: *creds\n`;
    expect(rules('config.yaml', text)).toContain('2:13 generic-secret error');
  });

  test('duplicate keys: the shadowed map and the shadowed value are both scanned', () => {
    expect(ruleIds('.mcp.json', `{"mcpServers":{"a":{"env":{"API_KEY":"${OPAQUE}"}}},"mcpServers":{}}`)).toEqual(['generic-secret']);
    expect(ruleIds('.mcp.json', `{"mcpServers":{"a":{"env":{"API_KEY":"${OPAQUE}","API_KEY":"\${API_KEY}"}}}}`)).toEqual(['generic-secret']);
  });

  test('multi-line dotenv values', () => {
    expect(rules('.env', `A=1\nAPI_TOKEN="\n${OPAQUE}\n"\nB=2\n`)).toEqual(['3:1 generic-secret error']);
  });

  test('a unicode-escaped root key in .claude.json', () => {
    expect(ruleIds('.claude.json', `{"\\u006dcpServers":{"g":{"env":{"API_KEY":"${OPAQUE}"}}}}`)).toEqual(['generic-secret']);
  });

  test('an agent file that only pre-approves MCP tools (Kiro / Amazon Q allowedTools)', () => {
    expect(rules('.kiro/agents/dev.json', '{\n  "includeMcpJson": true,\n  "allowedTools": ["fs_read", "@git"]\n}\n')).toEqual(['3:32 auto-approve warning']);
  });

  test('.envrc and *.env files', () => {
    expect(ruleIds('.envrc', `export API_TOKEN=${OPAQUE}\n`)).toEqual(['generic-secret']);
    expect(ruleIds('deploy/prod.env', `API_TOKEN=${OPAQUE}\n`)).toEqual(['generic-secret']);
  });
});

describe('categories and credential names', () => {
  test('public-by-design keys are hygiene, local default credentials are info', () => {
    const scan = (text: string) => scanFileText('.env', text, NOW).findings.map((f) => [f.ruleId, f.category, f.severity]);
    expect(scan(`NEXT_PUBLIC_POSTHOG=${FAKE_SECRETS.POSTHOG_PROJECT}\n`)).toEqual([['posthog-project-key', 'hygiene', 'info']]);
    expect(scan(`SUPABASE_ANON=${FAKE_SECRETS.SUPABASE_ANON}\n`)).toEqual([['supabase-anon-key', 'hygiene', 'info']]);
    expect(scan('DATABASE_URL=postgres://postgres:postgres@localhost:5432/app\n')).toEqual([['local-default-credentials', 'hygiene', 'info']]);
    expect(scan(`DATABASE_URL=postgres://app:${FAKE_SECRETS.DB_PASSWORD}@127.0.0.1:5432/app\n`)).toEqual([['url-credentials', 'secret', 'error']]);
  });

  test('an unknown header name with a credential-looking value, and bare *_KEY names', () => {
    expect(ruleIds('.mcp.json', server({ url: 'https://a.example/mcp', headers: { 'Ocp-Apim-Subscription-Key': OPAQUE, 'X-Request-Id': OPAQUE } }))).toEqual(['generic-secret']);
    expect(ruleIds('.env', `ENCRYPTION_KEY=${OPAQUE}\nPRIMARY_KEY=${OPAQUE}\n`)).toEqual(['generic-secret']);
  });
});

describe('the raw-text pass', () => {
  test('tokens in comments, with line and column, reported once', () => {
    expect(rules('.vscode/mcp.json', `{\n  // old: ${GH}\n  "servers": {}\n}\n`)).toEqual(['2:11 github-pat error']);
    expect(rules('config.yaml', `# token ${GH}\nextensions: {}\n`)).toEqual(['1:9 github-pat error']);
    expect(rules('.env', `# OLD=${GH}\nA=1\n`)).toEqual(['1:7 github-pat error']);
    expect(rules('.mcp.json', server({ env: { GITHUB_TOKEN: GH } }))).toEqual(['1:44 github-pat error']);
  });

  test('files no parser reads, and files that do not parse', () => {
    expect(ruleIds('.npmrc', `//registry.npmjs.org/:_authToken=${GH}\n`)).toEqual(['github-pat']);
    expect(ruleIds('.mcp.json', `{"mcpServers": {"g": {"env": {"T": "${GH}"`)).toEqual(expect.arrayContaining(['github-pat', 'parse-error']));
  });
});
