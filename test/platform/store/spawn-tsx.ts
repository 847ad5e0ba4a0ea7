import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Inside the repository, so the bundle's bare imports resolve from node_modules.
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'mcpauth-test-children');
const bundles = new Map<string, string>();

/**
 * Compiles a TypeScript child program once per test file (esbuild, dependencies left external), so
 * each of the N concurrent processes pays only Node's start-up, not a TypeScript transform of the
 * whole source tree: the concurrency tests' cost is bounded by N, not by how busy the machine is.
 */
export function bundle(file: string): string {
  const cached = bundles.get(file);
  if (cached) return cached;
  mkdirSync(OUT_DIR, { recursive: true });
  const outfile = join(OUT_DIR, `${basename(file, '.ts')}-${process.pid}.mjs`);
  buildSync({ entryPoints: [file], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', define: { __MCPAUTH_VERSION__: '"0.0.0-test"' } });
  bundles.set(file, outfile);
  return outfile;
}

/** Runs a TypeScript file in a separate Node process, as a second mcpauth would run. */
export function runTsx(file: string, args: string[], env: Record<string, string> = {}): Promise<ChildResult> {
  const program = bundle(file);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [program, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
