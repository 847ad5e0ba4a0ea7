import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_BROWSER } from '../commands/login-helpers.js';
import { startHarness, type Harness } from '../harness/index.js';

/**
 * Every code block tagged ```sh demo in README.md and docs/ runs against the local demo servers
 * (test/harness), in file order, with the built CLI as `mcpauth` and $MCP_URL set: each line must exit 0,
 * or the code its comment announces ("exit 1"). Tag a block only when it runs as it is.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

interface DemoBlock {
  file: string;
  line: number;
  commands: string[];
}

function demoBlocks(file: string): DemoBlock[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/^```sh demo\n([\s\S]*?)^```$/gm)].map((match) => ({
    file,
    line: text.slice(0, match.index).split('\n').length,
    commands: match[1]!.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#')),
  }));
}

const blocks = FILES.flatMap(demoBlocks);
let harness: Harness;
let work: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  harness = await startHarness();
  work = mkdtempSync(join(tmpdir(), 'mcpauth-demo-blocks-'));
  const bin = join(work, 'bin');
  mkdirSync(bin);
  symlinkSync(join(ROOT, 'bin', 'mcpauth.js'), join(bin, 'mcpauth'));
  const project = join(work, 'project');
  mkdirSync(project);
  // A repository whose config references its token instead of holding it: what audit-config wants.
  writeFileSync(join(project, '.mcp.json'), JSON.stringify({ mcpServers: { gh: { command: 'npx', args: ['-y', 'server-github@1.0.0'], env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' } } } }, null, 2));
  env = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    MCP_URL: harness.mcpUrl,
    MCPAUTH_HOME: join(work, 'home'),
    MCPAUTH_NO_KEYCHAIN: '1',
    MCPAUTH_BROWSER: CONSENT_BROWSER,
    CI: '1',
    NO_COLOR: '1',
  };
  await bash('git init --quiet && git add .mcp.json', project);
}, 30_000);

afterAll(async () => {
  await harness?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function bash(command: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-o', 'pipefail', '-c', command], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('```sh demo blocks in README.md and docs/ run against the demo servers', () => {
  it('finds the tagged blocks (log in, 401/403, committed tokens)', () => {
    expect(blocks.filter((block) => block.file === 'README.md').length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((block) => [`${block.file}:${block.line}`, block] as const))('%s', async (_where, block) => {
    for (const command of block.commands) {
      const expected = Number(/#.*\bexit (\d+)\b/.exec(command)?.[1] ?? 0);
      const result = await bash(command, join(work, 'project'));
      expect({ command, code: result.code, internal: /internal error/.test(result.stderr) }, result.stderr).toEqual({ command, code: expected, internal: false });
    }
  }, 120_000);
});
