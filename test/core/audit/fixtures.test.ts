import { describe, expect, test } from 'vitest';
import { auditConfig } from '../../../src/core/audit/audit.js';
import { createNodeAuditFileSystem } from '../../../src/core/audit/audit-fs.js';
import { materializeFixture } from './fake-secrets.js';

/**
 * One fixture tree per client format, positives and negatives side by side (references,
 * placeholders, test keys, example keys). Every finding is pinned to its rule, line and column;
 * everything in a fixture that is not listed here must stay silent.
 */
type Row = [file: string, line: number, column: number, ruleId: string, severity: string];

async function scanFixture(name: string) {
  const cwd = materializeFixture(name);
  const report = await auditConfig({ paths: ['.'], cwd, source: 'worktree', gitignore: false, suppressed: new Set(), now: new Date('2026-06-01T00:00:00Z') }, createNodeAuditFileSystem());
  const rows: Row[] = report.findings.map((f) => [f.file, f.line, f.column, f.ruleId, f.severity]);
  return { report, rows };
}

const EXPECTED: Record<string, { scanned: number; suppressed: number; rows: Row[] }> = {
  'amazon-q': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.amazonq/mcp.json', 6, 24, 'placeholder-value', 'info'],
      ['.amazonq/mcp.json', 10, 3, 'parse-error', 'warning'],
      ['.amazonq/mcp.json', 11, 1, 'parse-error', 'warning'],
    ],
  },
  'claude-code': {
    scanned: 2,
    suppressed: 0,
    rows: [
      ['.claude/settings.json', 2, 33, 'claude-enable-all-project-servers', 'warning'],
      ['.mcp.json', 7, 42, 'github-pat', 'error'],
      ['.mcp.json', 9, 27, 'github-pat', 'warning'],
      ['.mcp.json', 10, 22, 'reference-not-expanded', 'warning'],
      ['.mcp.json', 17, 34, 'bearer-literal', 'error'],
      ['.mcp.json', 18, 35, 'openai-api-key', 'error'],
      ['.mcp.json', 28, 75, 'url-credentials', 'error'],
      ['.mcp.json', 33, 87, 'aws-secret-access-key', 'error'],
    ],
  },
  'claude-desktop': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['claude_desktop_config.json', 5, 23, 'unpinned-server', 'info'],
      ['claude_desktop_config.json', 6, 34, 'reference-not-expanded', 'warning'],
    ],
  },
  'cline': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['cline_mcp_settings.json', 6, 22, 'auto-approve', 'warning'],
      ['cline_mcp_settings.json', 11, 23, 'unpinned-server', 'info'],
      ['cline_mcp_settings.json', 12, 36, 'placeholder-value', 'info'],
      ['cline_mcp_settings.json', 12, 70, 'placeholder-value', 'info'],
    ],
  },
  'codex': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.codex/config.toml', 7, 43, 'github-pat', 'error'],
      ['.codex/config.toml', 13, 44, 'bearer-literal', 'error'],
      ['.codex/config.toml', 19, 29, 'reference-not-expanded', 'warning'],
    ],
  },
  'continue': {
    scanned: 1,
    suppressed: 1,
    rows: [
      ['.continue/mcpServers/supabase.yaml', 9, 35, 'supabase-service-role-key', 'error'],
      ['.continue/mcpServers/supabase.yaml', 10, 26, 'supabase-anon-key', 'info'],
      ['.continue/mcpServers/supabase.yaml', 11, 21, 'reference-not-expanded', 'warning'],
    ],
  },
  'copilot-cli': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.github/mcp.json', 11, 45, 'jwt', 'error'],
    ],
  },
  'cursor': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.cursor/mcp.json', 8, 26, 'mcp-remote-vulnerable', 'error'],
      ['.cursor/mcp.json', 8, 72, 'token-in-url', 'warning'],
      ['.cursor/mcp.json', 8, 85, 'tavily-api-key', 'error'],
      ['.cursor/mcp.json', 12, 69, 'stripe-secret-key', 'error'],
      ['.cursor/mcp.json', 16, 54, 'stripe-test-key', 'info'],
      ['.cursor/mcp.json', 21, 36, 'reference-not-expanded', 'warning'],
    ],
  },
  'dotenv': {
    scanned: 2,
    suppressed: 1,
    rows: [
      ['.env', 2, 16, 'openai-api-key', 'error'],
      ['.env', 3, 39, 'url-credentials', 'error'],
      ['.env', 4, 20, 'posthog-project-key', 'info'],
      ['.env', 7, 14, 'private-key', 'error'],
    ],
  },
  'gemini': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.gemini/settings.json', 6, 88, 'groq-api-key', 'error'],
      ['.gemini/settings.json', 7, 16, 'gemini-trust', 'warning'],
      ['.gemini/settings.json', 11, 45, 'placeholder-value', 'info'],
    ],
  },
  'goose': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['config.yaml', 8, 44, 'github-pat', 'error'],
      ['config.yaml', 14, 34, 'token-in-url', 'warning'],
      ['config.yaml', 14, 40, 'url-query-secret', 'error'],
      ['config.yaml', 16, 29, 'reference-not-expanded', 'warning'],
    ],
  },
  'kiro': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.kiro/settings/mcp.json', 6, 32, 'placeholder-value', 'info'],
      ['.kiro/settings/mcp.json', 6, 71, 'anthropic-api-key', 'error'],
      ['.kiro/settings/mcp.json', 7, 22, 'auto-approve', 'warning'],
    ],
  },
  'opencode': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['opencode.jsonc', 11, 62, 'generic-secret', 'error'],
      ['opencode.jsonc', 12, 40, 'xai-api-key', 'error'],
      ['opencode.jsonc', 12, 137, 'reference-not-expanded', 'warning'],
    ],
  },
  'roo': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.roo/mcp.json', 6, 36, 'slack-bot-token', 'error'],
      ['.roo/mcp.json', 7, 22, 'auto-approve', 'warning'],
    ],
  },
  'visual-studio': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.mcp.json', 13, 40, 'notion-api-token', 'error'],
    ],
  },
  'vscode': {
    scanned: 1,
    suppressed: 1,
    rows: [
      ['.vscode/mcp.json', 5, 38, 'input-without-password', 'warning'],
      ['.vscode/mcp.json', 17, 15, 'insecure-http-url', 'warning'],
      ['.vscode/mcp.json', 18, 45, 'bearer-literal', 'error'],
      ['.vscode/mcp.json', 29, 45, 'reference-not-expanded', 'warning'],
    ],
  },
  'windsurf': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.windsurf/mcp_config.json', 5, 45, 'placeholder-value', 'info'],
      ['.windsurf/mcp_config.json', 9, 68, 'figma-token', 'error'],
    ],
  },
  'zed': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.zed/settings.json', 5, 100, 'github-pat', 'error'],
      ['.zed/settings.json', 6, 84, 'github-pat', 'error'],
    ],
  },
  'crush': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['crush.json', 10, 59, 'generic-secret', 'error'],
      ['crush.json', 20, 66, 'tavily-api-key', 'error'],
    ],
  },
  'amp': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.amp/settings.json', 9, 45, 'bearer-literal', 'error'],
    ],
  },
  'continue-legacy': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.continue/config.json', 3, 75, 'openai-api-key', 'error'],
      ['.continue/config.json', 12, 53, 'github-pat', 'error'],
      ['.continue/config.json', 20, 65, 'generic-secret', 'error'],
    ],
  },
  'codex-legacy': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.codex/config.toml', 4, 17, 'bearer-literal', 'error'],
    ],
  },
  'opencode-v2': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['opencode.json', 8, 47, 'github-pat', 'error'],
    ],
  },
  'amazon-q-agent': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.amazonq/cli-agents/dev.json', 6, 101, 'generic-secret', 'error'],
      ['.amazonq/cli-agents/dev.json', 9, 32, 'auto-approve', 'warning'],
      ['.amazonq/cli-agents/dev.json', 9, 51, 'auto-approve', 'warning'],
    ],
  },
  'claude-code-user': {
    scanned: 1,
    suppressed: 0,
    rows: [
      ['.claude.json', 10, 97, 'url-credentials', 'error'],
    ],
  },
};

describe('audit-config fixture trees', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    test(`${name}: exact rules, lines and columns`, async () => {
      const { report, rows } = await scanFixture(name);
      expect(rows).toEqual(expected.rows);
      expect(report.filesScanned).toBe(expected.scanned);
      expect(report.suppressed).toBe(expected.suppressed);
    });
  }
});

// Fixtures written from each client's own docs (sources in src/core/clients/): the right client name, not a look-alike.
const CLIENT_OF: Record<string, string> = {
  crush: 'crush', amp: 'amp', 'continue-legacy': 'continue', 'codex-legacy': 'codex', 'opencode-v2': 'opencode',
  'amazon-q-agent': 'amazon-q', 'claude-code-user': 'claude-code', opencode: 'opencode', goose: 'goose', zed: 'zed',
};

describe('each fixture is recognised as its client', () => {
  for (const [name, client] of Object.entries(CLIENT_OF)) {
    test(`${name} -> ${client}`, async () => {
      const { report } = await scanFixture(name);
      expect(report.findings.length).toBeGreaterThan(0);
      expect(new Set(report.findings.map((f) => f.client))).toEqual(new Set([client]));
    });
  }
});
