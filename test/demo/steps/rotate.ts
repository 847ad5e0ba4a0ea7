import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoStep } from '../demo-context.js';

// Built at run time so no scanner mistakes this file for a leak; shaped like real keys so audit finds them.
const FAKE_ANTHROPIC_KEY = ['sk', 'ant', 'api03', 'demo'].join('-') + 'Q'.repeat(40) + 'x7'.repeat(25);
const FAKE_BEARER = ['demo', 'opaque', 'bearer'].join('_') + 'a8F3kq9Zx2Lm7Pw4Rt6Yv1Nb5Hc0Jd';

/** After login: refresh the stored credential now, a cron-style no-op, then a dry-run config rewrite. */
export const rotateStep: DemoStep = {
  title: 'rotate: refresh the stored credential, and move pasted secrets out of an MCP config',
  async run(ctx) {
    const env = { MCPAUTH_NO_KEYCHAIN: '1' };
    const url = ctx.harness.mcpUrl;
    ctx.say('Refresh now: the refresh token is spent under the store lock and the rotated one is stored before use.');
    await ctx.mcpauth(['rotate', url], { env });
    ctx.say('\nFor cron: only what expires within the window; "nothing to do" still exits 0 (--json says which).');
    await ctx.mcpauth(['rotate', '--all', '--if-expiring-within', '1m'], { env });

    const dir = await mkdtemp(join(tmpdir(), 'mcpauth-demo-config-'));
    try {
      const file = join(dir, '.mcp.json');
      await writeFile(file, sampleConfig(url));
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=demo@example.invalid', '-c', 'user.name=demo', ...args], { cwd: dir, stdio: 'ignore' });
      git('init', '-q');
      git('add', '.mcp.json');
      git('commit', '-q', '-m', 'add MCP config');
      ctx.say(`\nA committed Claude Code config with two pasted secrets (${file}). Dry run: a masked diff, nothing written.`);
      ctx.say('Its "remote" entry is the demo MCP server, which supports OAuth: rotate suggests mcpauth login instead of a static token.');
      await ctx.mcpauth(['rotate', '--config', file], { env });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

function sampleConfig(mcpUrl: string): string {
  return `{
  "mcpServers": {
    "claude-tools": {
      "command": "npx",
      "args": ["-y", "example-mcp-server"],
      "env": { "ANTHROPIC_API_KEY": "${FAKE_ANTHROPIC_KEY}" }
    },
    "remote": {
      "type": "http",
      "url": "${mcpUrl}",
      "headers": { "Authorization": "Bearer ${FAKE_BEARER}" }
    }
  }
}
`;
}
