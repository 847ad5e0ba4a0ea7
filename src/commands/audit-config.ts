import type { Command } from 'commander';
import { examples, parseChoice, runAction, type CommandContext } from './command-context.js';
import type { Runtime } from './runtime.js';
import { CliError } from '../errors.js';
import { SEVERITIES, type Severity } from '../core/findings/severity.js';
import type { AuditFileSystem } from '../core/audit/audit-fs.js';
import type { AuditReport } from '../core/audit/finding.js';
import type { AuditRule } from '../core/audit/rules.js';

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
        ['mcpauth audit-config --write-baseline .mcpauth-baseline.json', 'accept what is there today; later runs with --baseline report only new findings'],
      ]),
    )
    .action(async (paths: string[], flags: Omit<AuditConfigOptions, 'paths'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, paths }, runtime));
    });
}

export async function runAuditConfig(options: AuditConfigOptions, runtime: Runtime): Promise<number> {
  const format = resolveFormat(options, runtime);
  // Parsers and detectors load only when the command runs: start-up is a benchmark.
  const [{ AUDIT_RULES }, { auditConfig }, { createNodeAuditFileSystem }, { isAtOrAbove }] = await Promise.all([
    import('../core/audit/rules.js'), import('../core/audit/audit.js'), import('../core/audit/audit-fs.js'), import('../core/findings/severity.js'),
  ]);
  if (options.listRules) {
    const { renderAuditRules, renderAuditRulesJson } = await import('../output/audit-rules.js');
    runtime.deps.io.stdout.write(format === 'json' ? renderAuditRulesJson(AUDIT_RULES) : renderAuditRules(AUDIT_RULES, runtime.style));
    return 0;
  }
  const fs = createNodeAuditFileSystem();
  const { cwd } = runtime.deps;
  const suppressed = await loadSuppressions(options, fs, cwd);
  const source = options.staged ? 'staged' : options.gitHistory ? 'history' : 'worktree';
  const report = await auditConfig({ paths: options.paths, cwd, source, gitignore: options.gitignore, suppressed, now: runtime.deps.now() }, fs).catch((error: unknown) => {
    throw toUsageError(error, source);
  });
  if (options.writeBaseline) {
    const { createBaseline } = await import('../core/audit/suppression.js');
    await fs.writeFile(resolvePath(cwd, options.writeBaseline), `${JSON.stringify(createBaseline(report.findings), null, 2)}\n`);
    runtime.note(`Wrote ${report.findings.length} finding(s) to ${options.writeBaseline}; run with --baseline ${options.writeBaseline} to report only new ones.`);
    return 0;
  }
  runtime.deps.io.stdout.write(await render(format, report, runtime, AUDIT_RULES));
  return report.findings.some((finding) => isAtOrAbove(finding.severity, options.failOn)) ? 1 : 0;
}

function resolveFormat(options: AuditConfigOptions, runtime: Runtime): AuditFormat {
  if (options.staged && options.gitHistory) throw new CliError('usage', '--staged and --git-history cannot be combined.', { hint: 'Use --staged in a pre-commit hook and --git-history for a one-off audit.' });
  if (options.sarif && options.format !== undefined && options.format !== 'sarif') throw new CliError('usage', `--sarif conflicts with --format ${options.format}.`);
  return options.sarif ? 'sarif' : (options.format ?? (runtime.globals.json ? 'json' : 'human'));
}

async function render(format: AuditFormat, report: AuditReport, runtime: Runtime, rules: readonly AuditRule[]): Promise<string> {
  if (format === 'json') return (await import('../output/audit-json.js')).renderAuditJson(report);
  if (format === 'github') return (await import('../output/audit-github.js')).renderAuditGithub(report);
  if (format === 'sarif') {
    const { VERSION } = await import('../version.js');
    return (await import('../output/audit-sarif.js')).renderAuditSarif(report, rules, VERSION);
  }
  return (await import('../output/audit-human.js')).renderAuditHuman(report, runtime.style, runtime.globals.verbose);
}

async function loadSuppressions(options: AuditConfigOptions, fs: AuditFileSystem, cwd: string): Promise<Set<string>> {
  const { parseBaseline, parseIgnoreFile } = await import('../core/audit/suppression.js');
  const fingerprints = new Set<string>();
  const ignoreText = await readOptional(fs, resolvePath(cwd, options.ignoreFile ?? '.mcpauthignore'), options.ignoreFile !== undefined, '--ignore-file');
  if (ignoreText !== undefined) for (const fingerprint of parseIgnoreFile(ignoreText)) fingerprints.add(fingerprint);
  if (options.baseline) {
    const text = await readOptional(fs, resolvePath(cwd, options.baseline), true, '--baseline');
    try {
      for (const fingerprint of parseBaseline(text ?? '')) fingerprints.add(fingerprint);
    } catch (error) {
      throw new CliError('usage', `--baseline ${options.baseline} is not a baseline: ${(error as Error).message}.`, { hint: 'Create one with --write-baseline <file>.' });
    }
  }
  return fingerprints;
}

async function readOptional(fs: AuditFileSystem, path: string, required: boolean, flag: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(path)).toString('utf8');
  } catch (error) {
    if (!required) return undefined;
    throw new CliError('usage', `${flag} ${path} cannot be read.`, { cause: error, hint: 'Check the path.' });
  }
}

function resolvePath(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
}

function toUsageError(error: unknown, source: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new CliError('usage', `Path not found: ${(error as NodeJS.ErrnoException).path ?? ''}.`, { cause: error });
  if (source !== 'worktree' && error instanceof Error && !(error instanceof CliError)) {
    return new CliError('usage', `--${source === 'staged' ? 'staged' : 'git-history'} needs a git repository (git failed: ${error.message.split('\n')[0]}).`, { cause: error });
  }
  return error;
}
