import type { Command } from 'commander';
import { examples, parseChoice, parseUrl, runAction, type CommandContext } from './command-context.js';
import { CliError } from '../errors.js';
import { isAtOrAbove, SEVERITIES, type Severity } from '../core/findings/severity.js';
import type { HttpClient } from '../core/http/client.js';
import type { ProbeReport } from '../core/probe/report.js';
import type { Runtime } from './runtime.js';
import { formatCommand } from '../output/shell-quote.js';

export const SPEC_VERSIONS = ['2025-11-25', '2026-07-28'] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];

export interface ProbeOptions {
  url: string | undefined;
  spec: SpecVersion;
  /** A token value, or '-' for stdin. */
  token: string | undefined;
  stored: boolean;
  active: boolean;
  compat: boolean;
  failOn: Severity;
  listFindings: boolean;
  caFile: string | undefined;
}

export type ProbeRun = (options: ProbeOptions, runtime: Runtime) => Promise<number>;

export function registerProbe(parent: Command, ctx: CommandContext, run: ProbeRun = runProbe): void {
  parent
    .command('probe')
    .summary("diagnose a remote MCP server's auth setup, step by step")
    .description(
      'Walks the MCP auth discovery chain (401 challenge -> protected resource metadata -> authorization\n' +
        'server metadata), shows every request, and explains each flaw with the rule it breaks and the fix.',
    )
    .argument('[url]', 'the MCP server URL', parseUrl)
    .option('--spec <version>', `spec version whose wire rules apply (${SPEC_VERSIONS.join(', ')})`, parseChoice(SPEC_VERSIONS), '2025-11-25')
    .option('--token <value|->', "also check how the server treats this token ('-' reads stdin)")
    .option('--stored', 'also check the stored credential for this server', false)
    .option('--active', 'run checks that create state at the authorization server (dynamic registration)', false)
    .option('--compat', 'show which client generations will work with this server', false)
    .option('--fail-on <severity>', `exit 1 at or above this severity (${SEVERITIES.join(', ')})`, parseChoice(SEVERITIES), 'error')
    .option('--list-findings', 'list every finding id with its severity and rule, then exit', false)
    .option('--ca-file <path>', 'trust this PEM CA bundle as well (NODE_EXTRA_CA_CERTS is honoured too)')
    .addHelpText(
      'after',
      '\n--active registers a public native client (loopback redirect, application_type native) at each\n' +
        'authorization server, then sends two authorization requests whose first answer it reads: is the MCP\n' +
        'resource accepted, and is an unregistered redirect URI refused? Plain HTTP: no browser, no login.\n' +
        '\nExit codes: 0 no finding at or above --fail-on; 1 findings; 2 usage; 3 the target cannot be reached.\n' +
        examples([
        ['mcpauth probe https://mcp.example.com/mcp', 'diagnose the server and print the trace and findings'],
        ['mcpauth probe https://mcp.example.com/mcp --json --fail-on warning', 'for CI: JSON report, exit 1 on any warning'],
        ['mcpauth probe https://mcp.example.com/mcp --token - < token.txt', 'why does this token get a 401?'],
        ['mcpauth probe --list-findings', 'the finding catalogue'],
      ]),
    )
    .action(async (url: string | undefined, flags: Omit<ProbeOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url }, runtime));
    });
}

export async function runProbe(options: ProbeOptions, runtime: Runtime): Promise<number> {
  if (options.listFindings) return listFindings(runtime);
  if (options.url === undefined) {
    throw new CliError('usage', 'Which MCP server? Pass its URL.', { hint: "For example 'mcpauth probe https://mcp.example.com/mcp'." });
  }
  const token = await resolveToken(options, runtime);
  const http = await httpClientFor(options, runtime);
  const { probeServer } = await import('../core/probe/probe-server.js');
  runtime.progress.label(`Probing ${options.url}`);
  // The bound on the whole probe: the chain is at most 4 rounds of requests, each bounded by --timeout.
  const bound = AbortSignal.any([runtime.deps.signal, AbortSignal.timeout(runtime.globals.timeoutMs * 4)]);
  const deps = { fetch: http.fetch, clock: runtime.deps.clock, now: runtime.deps.now, cache: new Map(), signal: bound };
  const report = await probeServer(options.url, { wire: options.spec, token, active: options.active, compat: options.compat }, deps);
  if (runtime.deps.signal.aborted) throw new CliError('cancelled', 'The probe was cancelled.');
  const { renderProbeHuman } = await import('../output/probe-human.js');
  const { renderProbeJson } = await import('../output/probe-json.js');
  runtime.deps.io.stdout.write(runtime.globals.json ? renderProbeJson(report) : renderProbeHuman(report, runtime.style));
  return exitCodeFor(report, options.failOn);
}

function exitCodeFor(report: ProbeReport, failOn: Severity): number {
  // Exit 3: the target never answered (the finding is still printed above).
  if (report.findings.some((f) => f.id === 'endpoint-unreachable' || (f.id === 'transport-tls-error' && report.steps[0]?.status === undefined))) return 3;
  return report.findings.some((f) => isAtOrAbove(f.severity, failOn)) ? 1 : 0;
}

async function listFindings(runtime: Runtime): Promise<number> {
  const { FINDING_CATALOGUE } = await import('../core/probe/catalogue.js');
  const { renderCatalogueHuman, renderCatalogueJson } = await import('../output/probe-catalogue.js');
  const entries = Object.entries(FINDING_CATALOGUE).map(([id, kind]) => ({ id, ...kind }));
  runtime.deps.io.stdout.write(runtime.globals.json ? renderCatalogueJson(entries) : renderCatalogueHuman(entries, runtime.style));
  return 0;
}

async function resolveToken(options: ProbeOptions, runtime: Runtime): Promise<string | undefined> {
  if (options.token === '-') return (await runtime.deps.io.readStdin()).trim();
  if (options.token !== undefined) {
    runtime.note(runtime.errStyle.yellow("warning: a token on the command line stays in your shell history; pipe it instead: '--token - < file'."));
    return options.token;
  }
  if (!options.stored || options.url === undefined) return undefined;
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const { readStoredToken } = await import('../core/token/stored-token.js');
  const stored = await readStoredToken(await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now }), options.url);
  if (stored === undefined) {
    throw new CliError('auth', `No stored credential for ${options.url}.`, { hint: `Log in first: ${formatCommand(['mcpauth', 'login', options.url], runtime.shell)}, or pass --token -.` });
  }
  return stored.accessToken;
}

async function httpClientFor(options: ProbeOptions, runtime: Runtime): Promise<HttpClient> {
  if (options.caFile === undefined) return runtime.http;
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  let pem: string;
  try {
    pem = await readFile(resolve(runtime.deps.cwd, options.caFile), 'utf8');
  } catch (error) {
    throw new CliError('usage', `--ca-file ${options.caFile} cannot be read.`, { hint: 'Pass a PEM file with the CA certificate(s).', cause: error });
  }
  const { createCommandHttpClient } = await import('./runtime.js');
  return createCommandHttpClient(runtime, {}, { ca: pem });
}
