import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withGithubChecksum } from '../../src/core/audit/github-checksum.js';

/**
 * The benchmark tree: a monorepo-sized folder with a node_modules of 10,000 files, ~10,000
 * source files, 300 MCP configs in every client shape and 100 .env files. Written once; a
 * marker file records the layout version.
 */
const LAYOUT = 'v1';

function write(root: string, path: string, text: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

function fake(seed: number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let state = seed * 2654435761;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state ^ (state >>> 13), 1274126177) + i) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

const CONFIGS: ReadonlyArray<(i: number, secret: string) => [string, string]> = [
  (i, s) => [`apps/app${i}/.mcp.json`, JSON.stringify({ mcpServers: { gh: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: s || '${GITHUB_TOKEN}' } } } }, null, 2)],
  (i, s) => [`apps/app${i}/.cursor/mcp.json`, JSON.stringify({ mcpServers: { api: { url: 'https://api.example.com/mcp', headers: { Authorization: `Bearer ${s || '${env:API_TOKEN}'}` } } } }, null, 2)],
  (i, s) => [`apps/app${i}/.vscode/mcp.json`, `// jsonc\n${JSON.stringify({ inputs: [{ type: 'promptString', id: 'k', password: true }], servers: { s: { command: 'node', env: { API_KEY: s || '${input:k}' } } } }, null, 2)}`],
  (i, s) => [`apps/app${i}/.codex/config.toml`, `[mcp_servers.s]\ncommand = "npx"\nargs = ["-y", "srv@1.0.0"]\nenv = { "API_KEY" = "${s || 'placeholder'}" }\n`],
  (i, s) => [`apps/app${i}/.continue/mcpServers/s.yaml`, `name: s\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: s\n    command: npx\n    env:\n      TOKEN: "${s || '${{ secrets.TOKEN }}'}"\n`],
  (i, s) => [`apps/app${i}/.gemini/settings.json`, JSON.stringify({ mcpServers: { s: { command: 'python', args: ['server.py'], env: { API_KEY: s || '$API_KEY' } } } }, null, 2)],
];

export function ensureAuditTree(root: string): { root: string; files: number } {
  const marker = join(root, `.layout-${LAYOUT}`);
  if (existsSync(marker)) return { root, files: Number(readFileSync(marker, 'utf8').trim()) };
  rmSync(root, { recursive: true, force: true });
  let files = 0;
  for (let pkg = 0; pkg < 2000; pkg += 1) {
    const base = `node_modules/pkg-${pkg}`;
    write(root, `${base}/package.json`, JSON.stringify({ name: `pkg-${pkg}`, version: '1.0.0', main: 'index.js' }));
    write(root, `${base}/index.js`, `module.exports = function f${pkg}(a) { return a + ${pkg}; };\n`.repeat(20));
    write(root, `${base}/README.md`, `# pkg-${pkg}\n\nSome documentation.\n`.repeat(10));
    write(root, `${base}/lib/util.js`, `exports.id = ${pkg};\n`.repeat(30));
    write(root, `${base}/lib/types.d.ts`, `export declare const id: number;\n`);
    files += 5;
  }
  for (let i = 0; i < 9600; i += 1) {
    const dir = `packages/p${i % 200}/src`;
    const kind = i % 4;
    if (kind === 0) write(root, `${dir}/mod${i}.ts`, `export const value${i} = ${i};\nexport function run${i}() { return value${i} * 2; }\n`.repeat(15));
    else if (kind === 1) write(root, `${dir}/doc${i}.md`, `# Doc ${i}\n\nText about the module, nothing secret here.\n`.repeat(10));
    else if (kind === 2) write(root, `${dir}/data${i}.json`, JSON.stringify({ id: i, name: `item-${i}`, tags: ['a', 'b'], nested: { x: i } }, null, 2));
    else write(root, `${dir}/conf${i}.yaml`, `name: item-${i}\nreplicas: 2\nimage: app:${i}\n`);
    files += 1;
  }
  for (let i = 0; i < 300; i += 1) {
    const secret = i % 10 === 0 ? withGithubChecksum('ghp', fake(i, 30)) : '';
    const [path, text] = (CONFIGS[i % CONFIGS.length] ?? CONFIGS[0]!)(i, secret);
    write(root, path, text);
    files += 1;
  }
  for (let i = 0; i < 100; i += 1) {
    write(root, `apps/app${i}/.env${i % 2 ? '' : '.local'}`, `DEBUG=true\nPORT=${3000 + i}\n${i % 5 === 0 ? `OPENAI_API_KEY=sk-proj-${fake(i, 58)}T3BlbkFJ${fake(i + 7, 58)}\n` : 'OPENAI_API_KEY=\n'}`);
    files += 1;
  }
  writeFileSync(marker, `${files}\n`);
  return { root, files };
}
