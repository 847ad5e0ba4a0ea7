import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withGithubChecksum } from '../../../src/core/audit/github-checksum.js';

/** The part of the demo context this step uses (structurally the DemoContext of demo-context.ts). */
interface AuditDemoContext {
  mcpauth(args: string[], options?: { expect?: number[] }): Promise<{ code: number; stdout: string }>;
  say(text: string): void;
}

// A generated, checksum-valid but never-issued token: the kind of string users paste by mistake.
const FAKE_PAT = withGithubChecksum('ghp', 'DemoDemoDemoDemoDemoDemoDemo42');

async function writeSampleTree(dir: string): Promise<void> {
  await mkdir(join(dir, '.vscode'), { recursive: true });
  const claude = { mcpServers: { github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_PAT } }, docs: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${DOCS_TOKEN}' } } } };
  await writeFile(join(dir, '.mcp.json'), `${JSON.stringify(claude, null, 2)}\n`);
  const vscode = { inputs: [{ type: 'promptString', id: 'api-token', description: 'API token' }], servers: { api: { type: 'http', url: 'http://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${input:api-token}' } } } };
  await writeFile(join(dir, '.vscode/mcp.json'), `${JSON.stringify(vscode, null, 2)}\n`);
  await writeFile(join(dir, '.env'), 'DATABASE_URL=postgres://app:Sup3rS3cretPw@db.example.com:5432/app\nDEBUG=true\n');
}

/** audit-config on a small sample tree: findings, CI annotations, then a baseline that accepts them. */
export const auditStep = {
  title: 'audit-config: find static secrets and unsafe auth settings in MCP configs',
  async run(ctx: AuditDemoContext): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'mcpauth-demo-audit-'));
    try {
      await writeSampleTree(dir);
      ctx.say('A sample repository: a token pasted into .mcp.json, a VS Code input that echoes the secret, plain http, a DSN password in .env.');
      // Exit 1: secrets are errors, and --fail-on defaults to error.
      await ctx.mcpauth(['audit-config', dir, '--no-gitignore'], { expect: [1] });
      ctx.say('\nThe same findings as GitHub Actions annotations (the secret stays masked):');
      await ctx.mcpauth(['audit-config', dir, '--no-gitignore', '--format', 'github'], { expect: [1] });
      const baseline = join(dir, 'mcpauth-baseline.json');
      ctx.say('\nAccept what is there today; later runs report only new findings:');
      await ctx.mcpauth(['audit-config', dir, '--no-gitignore', '--write-baseline', baseline]);
      await ctx.mcpauth(['audit-config', dir, '--no-gitignore', '--baseline', baseline]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
