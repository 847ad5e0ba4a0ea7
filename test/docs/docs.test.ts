import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { AUDIT_RULES } from '../../src/core/audit/rules.js';
import { FINDING_IDS } from '../../src/core/probe/catalogue.js';
import { SCOPE_FINDING_IDS } from '../../src/core/scopes/scope-findings.js';
import { TOKEN_FINDING_IDS } from '../../src/core/token/token-findings.js';
import { EXIT_CODES } from '../../src/errors.js';
import { createTestDeps } from '../helpers/test-deps.js';
import { renderGeneratedBlocks } from './finding-tables.js';
import { headingAnchor } from './spec-links.js';

const root = new URL('../../', import.meta.url).pathname;
const docsDir = join(root, 'docs');
const pages = readdirSync(docsDir).filter((name) => name.endsWith('.md')).map((name) => join(docsDir, name));
const read = (path: string): string => readFileSync(path, 'utf8');
const allDocs = pages.map(read).join('\n');
const readme = read(join(root, 'README.md'));

function commandPaths(command: Command, prefix: string[] = []): string[] {
  return command.commands
    .filter((child) => child.name() !== 'help')
    .flatMap((child) => {
      const path = [...prefix, child.name()];
      return [path.join(' '), ...commandPaths(child, path)];
    });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens (kept doubled). */
function githubAnchors(markdown: string): Set<string> {
  const headings = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!);
  return new Set(headings.map((h) => h.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
}

describe('README and docs/', () => {
  it('the README is a guide under 15 KB with the two Quick start commands', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(15 * 1024);
    const quickStart = /## Quick start\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    expect(quickStart).toContain('npm ci && npm run demo');
    expect(quickStart).toContain('npm ci && npm test');
  });

  it('every command of the commander tree has a page section in docs/', () => {
    const program = buildProgram({ deps: createTestDeps(), exitCode: EXIT_CODES.ok });
    const paths = commandPaths(program);
    expect(paths).toContain('token inspect');
    for (const path of paths) expect(allDocs, path).toContain(`mcpauth ${path}`);
  });

  it('every finding id and audit rule is documented in docs/', () => {
    const ids = [...FINDING_IDS, ...TOKEN_FINDING_IDS, ...SCOPE_FINDING_IDS, ...AUDIT_RULES.map((rule) => rule.id)];
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) expect(allDocs, id).toContain(`\`${id}\``);
  });

  it('the generated catalogue tables match the catalogues (regenerate: npm run docs:tables)', () => {
    for (const page of pages) expect(read(page), page).toBe(renderGeneratedBlocks(read(page)));
  });

  it('every probe rule reference is a link to a section of a spec or RFC', () => {
    const probe = read(join(docsDir, 'probe.md'));
    expect(probe).not.toMatch(/\[25-11|L\d+-\d+|D-index|D-disc/);
    expect(probe).toContain('[RFC 9728 §3.3](https://www.rfc-editor.org/rfc/rfc9728#section-3.3)');
    expect(probe).toContain(`(https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#${headingAnchor('Token Handling')})`);
  });

  it('every relative link in the README and docs/ points at a file (and heading) that exists', () => {
    for (const file of [join(root, 'README.md'), ...pages]) {
      const text = read(file).replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const resolved = path ? resolve(dirname(file), path) : file;
        expect(existsSync(resolved), `${file}: ${target}`).toBe(true);
        if (anchor && resolved.endsWith('.md')) expect([...githubAnchors(read(resolved))], `${file}: ${target}`).toContain(anchor);
      }
    }
  });

  it('no example runs an unpublished registry name (npx mcpauth, npm install -g mcpauth)', () => {
    const blocks = [readme, allDocs].flatMap((text) => [...text.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]!));
    expect(blocks.length).toBeGreaterThan(20);
    for (const block of blocks) expect(block).not.toMatch(/npx (?!--no-install )mcpauth|npm (?:i|install) (?:-g )?mcpauth\b/);
  });
});
