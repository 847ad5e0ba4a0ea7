import type { Command } from 'commander';
import { examples, parseChoice, runAction, type CommandContext } from './command-context.js';
import { isCI } from './deps.js';
import type { Runtime } from './runtime.js';
import { collect, loadSuppressions, parseByteSize, resolvePath } from './audit-config-inputs.js';
import { CliError } from '../errors.js';
import { SEVERITIES, type Severity } from '../core/findings/severity.js';
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
  maxFileSize?: number;
  exclude?: string[];
  /** Undefined: on in CI (the CI variable is set), off elsewhere. */
  failOnSkipped?: boolean;
  user?: boolean;
}

export type AuditConfigRun = (options: AuditConfigOptions, runtime: Runtime) => Promise<number>;

export function registerAuditConfig(parent: Command, ctx: CommandContext, run: AuditConfigRun = runAuditConfig): void {
  parent
    .command('audit-config')
    .summary('find static secrets and unsafe auth settings in MCP configs and .env files')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .option('--staged', 'scan the content staged in git (for pre-commit)', false)
    .option('--git-history', 'scan every committed version of the config files', false)
    .option('--user', "scan this machine's own MCP set-up (every known client's user-level files, token stores) instead of a repository", false)
    .option('--no-gitignore', 'also scan files git ignores')
    .option('--exclude <glob>', 'leave out matching files and folders (repeatable; "fixtures", "test/**", "*.example.json")', collect)
    .option('--max-file-size <size>', 'skip (and name) files larger than this; default 16M (16 MiB, room for a large ~/.claude.json)', parseByteSize)
    .option('--fail-on-skipped', 'exit 1 when any file or folder could not be scanned (default in CI, when CI is set)')
    .option('--no-fail-on-skipped', 'only report skipped files, even in CI')
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
        ['mcpauth audit-config --sarif > mcpauth.sarif', 'for GitHub code scanning (a skipped file fails the run when CI is set)'],
        ['mcpauth audit-config --exclude "test/fixtures/**"', 'leave out a folder of sample configs'],
        ['mcpauth audit-config --user', "audit this machine's MCP clients and token stores (read-only, secrets masked)"],
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
  const common = { suppressed, now: runtime.deps.now(), ...(options.maxFileSize === undefined ? {} : { maxFileBytes: options.maxFileSize }) };
  const report = options.user
    ? await (await import('./audit-config-user.js')).auditUserSetup(runtime, common, fs)
    : await auditConfig({ ...common, paths: options.paths, cwd, source, gitignore: options.gitignore, exclude: options.exclude ?? [] }, fs).catch((error: unknown) => {
        throw toUsageError(error, source);
      });
  if (options.writeBaseline) {
    const { createBaseline } = await import('../core/audit/suppression.js');
    await fs.writeFile(resolvePath(cwd, options.writeBaseline), `${JSON.stringify(createBaseline(report.findings), null, 2)}\n`);
    runtime.note(`Wrote ${report.findings.length} finding(s) to ${options.writeBaseline}; run with --baseline ${options.writeBaseline} to report only new ones.`);
    return 0;
  }
  runtime.deps.io.stdout.write(await render(format, report, runtime, AUDIT_RULES));
  const failOnSkipped = options.failOnSkipped ?? isCI(runtime.deps.env);
  const { renderAuditSkips } = await import('../output/audit-human.js');
  if (format === 'human' || format === 'github') runtime.deps.io.stderr.write(renderAuditSkips(report, runtime.errStyle, failOnSkipped));
  else if (failOnSkipped && report.skipped.length > 0) runtime.note(`${report.skipped.length} file(s) or folder(s) not scanned (listed in the output): failing (--fail-on-skipped, the default when CI is set).`);
  if (report.findings.some((finding) => isAtOrAbove(finding.severity, options.failOn))) return 1;
  return failOnSkipped && report.skipped.length > 0 ? 1 : 0;
}

function resolveFormat(options: AuditConfigOptions, runtime: Runtime): AuditFormat {
  if (options.staged && options.gitHistory) throw new CliError('usage', '--staged and --git-history cannot be combined.', { hint: 'Use --staged in a pre-commit hook and --git-history for a one-off audit.' });
  if (options.user && (options.staged || options.gitHistory)) throw new CliError('usage', '--user scans this machine, not git: it cannot be combined with --staged or --git-history.');
  // Format flags that disagree are a usage error, as in every command (docs/cli-contract.md): never resolved silently.
  const asked = [...(options.sarif ? ['sarif'] : []), ...(options.format === undefined ? [] : [options.format]), ...(runtime.globals.json ? ['json'] : [])];
  const flags = [...(options.sarif ? ['--sarif'] : []), ...(options.format === undefined ? [] : [`--format ${options.format}`]), ...(runtime.globals.json ? ['--json'] : [])];
  if (new Set(asked).size > 1) throw new CliError('usage', `${flags.join(' and ')} ask for different output formats.`, { hint: 'Pass one: --format human|json|sarif|github (--json and --sarif are short for two of them).' });
  return (asked[0] as AuditFormat | undefined) ?? 'human';
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

function toUsageError(error: unknown, source: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path ?? '';
  if (code === 'ENOENT') return new CliError('usage', `Path not found: ${path}.`, { cause: error });
  if (code === 'ELOOP') return new CliError('usage', `${path} is a symlink loop: it never reaches a file or folder.`, { cause: error, hint: 'Fix or remove the link, or scan another path.' });
  if (code === 'EACCES' || code === 'EPERM') return new CliError('usage', `${path} cannot be read (${code}).`, { cause: error, hint: 'Check its permissions.' });
  if (source !== 'worktree' && error instanceof Error && !(error instanceof CliError)) {
    return new CliError('usage', `--${source === 'staged' ? 'staged' : 'git-history'} needs a git repository (git failed: ${error.message.split('\n')[0]}).`, { cause: error });
  }
  return error;
}
