import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Enforces the layering of ../shared/STYLE.md by reading the sources. */
const SRC = new URL('../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface ImportRef {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(file, 'utf8');
  const refs: ImportRef[] = [];
  const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3] ?? match[4];
    if (specifier) refs.push({ file: relative(SRC, file), specifier, typeOnly: Boolean(match[2]) });
  }
  return refs;
}

const layer = (file: string): string => relative(SRC, file).split('/')[0] ?? '';
const files = sourceFiles(SRC);

// Packages the core may use: the protocol libraries and format parsers (STYLE.md "Layout").
const CORE_PACKAGES = /^(node:|oauth4webapi$|jose$|jsonc-parser$|smol-toml$|yaml$|eventsource-parser$)/;

describe('architecture', () => {
  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => layer(f) === 'core')).toBe(true);
  });

  it('src/core imports only core, errors and the allowed packages', () => {
    const offenders = files
      .filter((f) => layer(f) === 'core')
      .flatMap(importsOf)
      .filter(({ specifier }) => {
        // One exception: the shell quoter (pure, no imports) for command lines core puts in fix texts.
        if (specifier.startsWith('.')) return /\/(commands|output|platform)\/|\.\.\/(cli|main)\.js$/.test(specifier) && !specifier.endsWith('/output/shell-quote.js');
        return !CORE_PACKAGES.test(specifier);
      });
    expect(offenders).toEqual([]);
  });

  it('src/core never touches process or console', () => {
    const offenders = files
      .filter((f) => layer(f) === 'core')
      .filter((f) => /\b(process\.|console\.)/.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('src/output imports core types only, and nothing from commands or platform', () => {
    const offenders = files
      .filter((f) => layer(f) === 'output')
      .flatMap(importsOf)
      .filter(({ specifier, typeOnly }) => {
        if (/\/(commands|platform)\//.test(specifier)) return true;
        if (specifier.includes('/core/')) return !typeOnly;
        return !specifier.startsWith('.');
      });
    expect(offenders).toEqual([]);
  });

  it('only main.ts touches the process (exit, argv, stdio)', () => {
    const offenders = files
      .filter((f) => !f.endsWith('/main.ts') && !f.endsWith('/platform/io.ts'))
      .filter((f) => /process\.(exit|argv|stdout|stderr|stdin|on\()/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });
});
