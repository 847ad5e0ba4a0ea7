import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it, test } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { FAKE_SECRETS, materializeFixture } from '../core/audit/fake-secrets.js';
import { runAuditCli } from '../core/audit/run-audit-cli.js';

const FIXTURES = ['claude-code', 'cursor', 'vscode', 'visual-studio', 'codex', 'continue', 'dotenv', 'zed', 'goose', 'opencode', 'copilot-cli'];

function secretsIn(text: string): string[] {
  return Object.entries(FAKE_SECRETS).filter(([, secret]) => text.includes(secret) || text.includes(secret.slice(8, 24))).map(([name]) => name);
}

describe('audit-config command', () => {
  test('exit 1 with findings at or above --fail-on, 0 below it', async () => {
    const cwd = materializeFixture('cline');
    expect((await runAuditCli(cwd, ['--no-gitignore'])).code).toBe(0);
    expect((await runAuditCli(cwd, ['--no-gitignore', '--fail-on', 'warning'])).code).toBe(1);
    expect((await runAuditCli(materializeFixture('roo'), ['--no-gitignore'])).code).toBe(1);
  });

  test('exit 2 for usage errors', async () => {
    const cwd = materializeFixture('roo');
    expect((await runAuditCli(cwd, ['--staged', '--git-history'])).code).toBe(2);
    expect((await runAuditCli(cwd, ['--sarif', '--format', 'json'])).code).toBe(2);
    expect((await runAuditCli(cwd, ['--fail-on', 'fatal'])).code).toBe(2);
    expect((await runAuditCli(cwd, ['does-not-exist'])).code).toBe(2);
    expect((await runAuditCli(cwd, ['--baseline', 'missing.json'])).code).toBe(2);
  });

  test('the secret never appears unmasked, in any format, even with --verbose', async () => {
    for (const name of FIXTURES) {
      const cwd = materializeFixture(name);
      for (const args of [[], ['--json'], ['--sarif'], ['--format', 'github'], ['--verbose'], ['--json', '--verbose']]) {
        const run = await runAuditCli(cwd, ['--no-gitignore', ...args]);
        expect(secretsIn(run.out + run.err), `${name} ${args.join(' ')}`).toEqual([]);
      }
    }
  });

  test('--json has the documented shape', async () => {
    const run = await runAuditCli(materializeFixture('roo'), ['--no-gitignore', '--json']);
    const report = JSON.parse(run.out) as { findings: Array<Record<string, unknown>>; filesScanned: number };
    expect(report.filesScanned).toBe(1);
    expect(report.findings[0]).toEqual({
      ruleId: 'slack-bot-token', category: 'secret', severity: 'error', file: '.roo/mcp.json', line: 6, column: 36, endLine: 6,
      endColumn: 36 + (FAKE_SECRETS.SLACK_BOT ?? '').length, message: 'Slack bot token in env "SLACK_BOT_TOKEN" of server "slack"',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), pointer: '/mcpServers/slack/env/SLACK_BOT_TOKEN', client: 'roo',
      masked: expect.stringMatching(/^xoxb…\[\d+ chars, #[0-9a-f]{8}\]$/), fix: expect.stringContaining('revoke it at https://api.slack.com/apps'),
    });
    expect(report.findings.map((f) => f.category)).toEqual(['secret', 'insecure-setting']);
  });

  test('--sarif validates against the SARIF 2.1.0 schema and uses relative URIs', async () => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const run = await runAuditCli(materializeFixture('claude-code'), ['--no-gitignore', '--sarif']);
    const log = JSON.parse(run.out) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; partialFingerprints: Record<string, string> }>; tool: { driver: { rules: Array<{ help: { text: string } }> } } }> };
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBe(8);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    for (const result of results) {
      expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/^\.(claude|mcp)/);
      expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{32}:1$/);
    }
    expect(log.runs[0]?.tool.driver.rules.every((rule) => rule.help.text.length > 0)).toBe(true);
  });

  test('--format github prints escaped workflow annotations', async () => {
    const run = await runAuditCli(materializeFixture('roo'), ['--no-gitignore', '--format', 'github']);
    expect(run.out.split('\n')[0]).toMatch(/^::error file=\.roo\/mcp\.json,line=6,endLine=6,col=36,endColumn=\d+,title=mcpauth slack-bot-token::Slack bot token in env "SLACK_BOT_TOKEN" of server "slack" \(xoxb…/);
    expect(run.out.split('\n')[1]).toMatch(/^::warning file=\.roo\/mcp\.json,line=7,.*title=mcpauth auto-approve::/);
  });

  test('human output, piped and as a TTY', async () => {
    const cwd = materializeFixture('roo');
    const piped = await runAuditCli(cwd, ['--no-gitignore']);
    expect(piped.out.replace(/#[0-9a-f]{8}/, '#HASH').replace(/\d+ chars/, 'N chars')).toMatchInlineSnapshot(`
      ".roo/mcp.json (roo)
        6:36    error    Slack bot token in env "SLACK_BOT_TOKEN" of server "slack"  slack-bot-token
                secret: xoxb…[N chars, #HASH]
                fix: keep the secret in the environment, not in the file; revoke it at https://api.slack.com/apps and issue a new one (it is in git history)
        7:22    warning  Tools auto-approved: "alwaysAllow" runs tools without asking  auto-approve
                fix: Empty the list, or keep only read-only tools in it; every listed tool runs without asking.

      2 findings (1 error, 1 warning, 0 info) in 1 config file scanned.
      "
    `);
    const tty = await runAuditCli(cwd, ['--no-gitignore'], true);
    expect(tty.out).toContain('\u001b[');
    expect(tty.out.replace(/\u001b\[[0-9;]*m/g, '')).toBe(piped.out);
  });

  test('--list-rules prints the catalogue (and JSON with --json)', async () => {
    const cwd = materializeFixture('roo');
    const human = await runAuditCli(cwd, ['--list-rules']);
    expect(human.code).toBe(0);
    expect(human.out).toMatch(/github-pat\s+error\s+GitHub personal access token/);
    const json = JSON.parse((await runAuditCli(cwd, ['--list-rules', '--json'])).out) as { rules: unknown[] };
    expect(json.rules.length).toBeGreaterThan(70);
  });

  test('baseline suppresses old findings and still reports a new one; the ignore file drops by fingerprint', async () => {
    const cwd = materializeFixture('roo');
    expect((await runAuditCli(cwd, ['--no-gitignore', '--write-baseline', 'baseline.json'])).code).toBe(0);
    expect((await runAuditCli(cwd, ['--no-gitignore', '--baseline', 'baseline.json'])).code).toBe(0);
    const path = join(cwd, '.roo/mcp.json');
    // Lines move and a new secret arrives: only the new one is reported.
    const moved = readFileSync(path, 'utf8').replace('"mcpServers": {', `"mcpServers": {\n\n    "new": { "command": "node", "env": { "GROQ_API_KEY": "${FAKE_SECRETS.GROQ}" } },`);
    writeFileSync(path, moved);
    const after = await runAuditCli(cwd, ['--no-gitignore', '--baseline', 'baseline.json', '--json']);
    const findings = (JSON.parse(after.out) as { findings: Array<{ ruleId: string; fingerprint: string }>; suppressed: number });
    expect([after.code, findings.findings.map((f) => f.ruleId), findings.suppressed]).toEqual([1, ['groq-api-key'], 2]);
    writeFileSync(join(cwd, '.mcpauthignore'), `# accepted\n${findings.findings[0]?.fingerprint}  groq in a test file\n`);
    expect((await runAuditCli(cwd, ['--no-gitignore', '--baseline', 'baseline.json'])).code).toBe(0);
  });
});

describe('audit-config: format flags that disagree are a usage error, never resolved silently', () => {
  it.each([
    [['--json', '--format', 'human']],
    [['--json', '--sarif']],
    [['--sarif', '--format', 'github']],
  ])('%j', async (flags) => {
    const deps = createTestDeps();
    expect(await runCli(['audit-config', ...flags, '.'], deps)).toBe(2);
    expect(deps.io.err()).toMatch(/^mcpauth: .* ask for different output formats\.\n {2}hint: Pass one/);
  });

  it('agreeing flags are fine (--json --format json, --sarif --format sarif)', async () => {
    for (const flags of [['--json', '--format', 'json'], ['--sarif', '--format', 'sarif']]) {
      const deps = createTestDeps();
      expect(await runCli(['audit-config', ...flags, '--list-rules'], deps)).toBe(0);
    }
  });
});
