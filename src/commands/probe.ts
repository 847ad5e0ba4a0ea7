import type { Command } from 'commander';
import { examples, notAvailable, parseChoice, parseUrl, runAction, type CommandContext } from './command-context.js';
import { SEVERITIES, type Severity } from '../core/findings/severity.js';
import type { Runtime } from './runtime.js';

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

export async function runProbe(_options: ProbeOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('probe');
}
