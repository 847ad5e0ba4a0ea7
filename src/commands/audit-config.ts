import type { Command } from 'commander';
import { examples, notAvailable, parseChoice, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';
import { SEVERITIES, type Severity } from '../core/findings/severity.js';

export const AUDIT_FORMATS = ['human', 'json', 'sarif', 'github'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export interface AuditConfigOptions {
  paths: string[];
  staged: boolean;
  gitHistory: boolean;
  gitignore: boolean;
  sarif: boolean;
  format: AuditFormat | undefined;
  failOn: Severity;
  baseline: string | undefined;
  writeBaseline: string | undefined;
  ignoreFile: string | undefined;
  listRules: boolean;
}

export type AuditConfigRun = (options: AuditConfigOptions, runtime: Runtime) => Promise<number>;

export function registerAuditConfig(parent: Command, ctx: CommandContext, run: AuditConfigRun = runAuditConfig): void {
  parent
    .command('audit-config')
    .summary('find static secrets and unsafe auth settings in MCP configs and .env files')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('--staged', 'scan the content staged in git (for pre-commit)', false)
    .option('--git-history', 'scan every committed version of the config files', false)
    .option('--no-gitignore', 'also scan files git ignores')
    .option('--sarif', 'print SARIF 2.1.0 (same as --format sarif)', false)
    .option('--format <format>', `output format (${AUDIT_FORMATS.join(', ')})`, parseChoice(AUDIT_FORMATS))
    .option('--fail-on <severity>', `exit 1 at or above this severity (${SEVERITIES.join(', ')})`, parseChoice(SEVERITIES), 'error')
    .option('--baseline <file>', 'report only findings not in this baseline')
    .option('--write-baseline <file>', 'write the current findings as a baseline')
    .option('--ignore-file <file>', 'fingerprints to ignore (default: .mcpauthignore)')
    .option('--list-rules', 'list every rule and exit', false)
    .addHelpText(
      'after',
      examples([
        ['mcpauth audit-config', 'scan the current repository'],
        ['mcpauth audit-config --staged', 'pre-commit: scan what is about to be committed'],
        ['mcpauth audit-config --sarif > mcpauth.sarif', 'for GitHub code scanning'],
      ]),
    )
    .action(async (paths: string[], flags: Omit<AuditConfigOptions, 'paths'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, paths }, runtime));
    });
}

export async function runAuditConfig(_options: AuditConfigOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('audit-config');
}
