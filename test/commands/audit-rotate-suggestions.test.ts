import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { materializeFixture } from '../core/audit/fake-secrets.js';
import { runAuditCli } from '../core/audit/run-audit-cli.js';
import { createTestDeps } from '../helpers/test-deps.js';

/**
 * Every `mcpauth rotate --config <file>` that audit-config prints as a fix must do the work: run it
 * (dry run) on every fixture and expect a plan that moves at least one secret, never a refusal.
 * Findings whose client rotate cannot rewrite must not suggest it.
 */
const FIXTURES = readdirSync(join(import.meta.dirname, '../fixtures/audit'));
const noNetwork = (() => Promise.reject(new Error('no network in this test'))) as typeof fetch;

describe('the rotate --config commands audit-config suggests', () => {
  for (const name of FIXTURES) {
    it(`${name}: each suggested command moves a secret`, async () => {
      const cwd = materializeFixture(name);
      const report = JSON.parse((await runAuditCli(cwd, ['--json', '--no-gitignore'])).out) as { findings: Array<{ file: string; fix?: string; client: string }> };
      const suggested = new Map<string, string>();
      for (const finding of report.findings) {
        const command = /mcpauth rotate --config (\S+|'[^']*')/.exec(finding.fix ?? '')?.[1];
        if (command) suggested.set(command.replace(/^'|'$/g, ''), finding.client);
      }
      for (const [file, client] of suggested) {
        const before = readFileSync(join(cwd, file), 'utf8');
        const deps = { ...createTestDeps({ fetch: noNetwork }), cwd };
        const code = await runCli(['rotate', '--timeout', '1', '--config', file], deps);
        expect({ file, client, code, err: deps.io.err() }).toEqual({ file, client, code: 0, err: expect.any(String) });
        expect(deps.io.out()).toMatch(/\d+ literal secrets? to move into environment references\n[\s\S]*\+\+\+ b\//);
        expect(readFileSync(join(cwd, file), 'utf8')).toBe(before);
      }
    });
  }
});
