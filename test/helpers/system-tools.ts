import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'vitest';

/** Programs some tests drive for real but a fresh machine with only Node and git may lack. */
export type SystemTool = 'zsh' | 'fish' | 'openssl';

/** The program's path on PATH, or undefined. */
export function findProgram(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory: try the next one
    }
  }
  return undefined;
}

/**
 * Call first in a test that needs `tool`. Without it the test is skipped with the reason printed;
 * with MCPAUTH_REQUIRE_TOOLS=1 (set by .ci/run, which installs the tools) a missing tool fails the
 * test instead, so CI can never go green by skipping.
 */
export function requireProgram(ctx: TestContext, tool: SystemTool): void {
  if (findProgram(tool)) return;
  const reason = `${tool} is not installed (on Debian: apt-get install ${tool}); .ci/run installs it`;
  if (process.env.MCPAUTH_REQUIRE_TOOLS === '1') throw new Error(`MCPAUTH_REQUIRE_TOOLS=1 but ${reason}`);
  process.stderr.write(`skipped "${ctx.task.name}": ${reason}\n`);
  ctx.skip(reason);
}
