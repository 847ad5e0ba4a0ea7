import type { Command } from 'commander';
import { buildProgram } from '../../src/cli.js';
import { isInternalCommand } from '../../src/commands/complete-servers.js';
import { EXIT_CODES } from '../../src/errors.js';
import { CONSENT_BROWSER } from '../commands/login-helpers.js';
import { createTestDeps } from '../helpers/test-deps.js';

/** The outcomes every command is run in (docs/cli-contract.md, "How it is checked"). */
export const SCENARIOS = ['success', 'unreachable', 'usage', 'login-needed', 'server-error', 'signal'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * What a command does in one scenario, when it differs from the default. `exit` is the expected exit
 * code (a list when the server decides, e.g. findings or not); `report` says the --json document is
 * the command's report rather than the error envelope; `notApplicable` declares, with the reason, that
 * the command cannot take the case. Every declaration is listed by the test, so none is silent.
 */
export interface Expectation {
  exit?: number | number[];
  report?: boolean;
  notApplicable?: string;
}

export interface CommandContract {
  /** Arguments after the command's name; `{url}` is the scenario's server. Default: synthesized from the command's arguments. */
  args?: string[];
  /** The stored credentials a success needs ('none' starts from an empty store). Default: logged in. */
  store?: 'logged-in' | 'none';
  /** Standard input for the command. */
  stdin?: 'token';
  /** This command prints a secret on stdout on success, by design (`token print`). */
  printsSecret?: boolean;
  scenarios?: Partial<Record<Scenario, Expectation>>;
  /** Ways of running it that do not apply, with the reason. */
  modes?: Partial<Record<'json' | 'pty', string>>;
}

const NO_SERVER = 'works on local input only: no server is contacted';

/**
 * Declarations for the commands that exist today. A command added later needs no entry when the
 * defaults fit it (a `<url>` argument, exit 0 / 3 / 4 / not 0 or 70 / 130); when they do not, its
 * contract test fails and says which case to declare here.
 */
export const CONTRACTS: Readonly<Record<string, CommandContract>> = {
  probe: {
    store: 'none',
    scenarios: {
      success: { exit: [0, 1], report: true },
      unreachable: { exit: 3, report: true },
      'login-needed': { notApplicable: 'probe diagnoses a server without a credential' },
      'server-error': { exit: [1], report: true },
    },
  },
  login: {
    store: 'none',
    args: ['{url}', '--browser', CONSENT_BROWSER],
    scenarios: {
      'login-needed': { notApplicable: 'login is how a credential is obtained' },
    },
  },
  logout: {
    scenarios: {
      unreachable: { exit: 0, report: true },
      'server-error': { exit: 0, report: true },
    },
  },
  status: {
    scenarios: {
      unreachable: { exit: 0 },
      'login-needed': { exit: 4, report: true },
      'server-error': { exit: 0 },
      signal: { notApplicable: 'status reads the local store only: there is no network wait to interrupt' },
    },
  },
  call: {},
  'token inspect': {
    args: ['--server', '{url}'],
    scenarios: {
      success: { exit: [0, 1] },
      'server-error': { exit: [0, 1], report: true },
    },
  },
  'token print': {
    printsSecret: true,
  },
  scopes: {
    scenarios: {
      success: { exit: [0, 1] },
      'login-needed': { exit: 0, report: true },
      'server-error': { exit: [0, 1], report: true },
    },
  },
  rotate: {
    scenarios: {
      // rotate reports per credential (it also runs over --all), so the report is the answer.
      unreachable: { exit: 3, report: true },
      'server-error': { exit: [4, 5], report: true },
    },
  },
  'audit-config': {
    args: ['{emptyDir}'],
    scenarios: {
      unreachable: { notApplicable: NO_SERVER },
      'login-needed': { notApplicable: NO_SERVER },
      'server-error': { notApplicable: NO_SERVER },
      signal: { notApplicable: `${NO_SERVER}; it finishes in milliseconds on an empty folder` },
    },
  },
  setup: {
    args: ['claude-desktop', '{url}', '--no-login'],
    store: 'none',
    scenarios: {
      // A dry run; when the server cannot be probed it still shows the proxy entry (issue #12's choice).
      unreachable: { exit: 0, report: true },
      'login-needed': { notApplicable: 'setup --no-login writes a config entry; it needs no credential' },
      'server-error': { exit: 0, report: true },
    },
  },
  proxy: {
    modes: {
      json: 'a stdio relay: stdout carries the JSON-RPC stream of its client, not one document',
      pty: 'a stdio relay: its stdin and stdout belong to an MCP client, never a terminal',
    },
    scenarios: {
      unreachable: { notApplicable: 'a failure reaches the client as a JSON-RPC error, and the relay ends with its stdin (issue #12)' },
      'login-needed': { notApplicable: 'the relay starts a login itself and holds requests meanwhile (issue #12)' },
      'server-error': { notApplicable: 'a failure reaches the client as a JSON-RPC error, and the relay ends with its stdin (issue #12)' },
      signal: { notApplicable: 'with its stdin closed the relay ends before any request (issue #12)' },
    },
  },
  completion: {
    args: ['bash'],
    scenarios: {
      unreachable: { notApplicable: 'prints a script: no server' },
      'login-needed': { notApplicable: 'prints a script: no server' },
      'server-error': { notApplicable: 'prints a script: no server' },
      signal: { notApplicable: 'prints a script: nothing to interrupt' },
    },
  },
};

const DEFAULT_EXIT: Readonly<Record<Scenario, number | number[]>> = {
  success: EXIT_CODES.ok,
  unreachable: EXIT_CODES.network,
  usage: EXIT_CODES.usage,
  'login-needed': EXIT_CODES.auth,
  // A server error is the server's fault: any outcome but success and "a bug in mcpauth".
  'server-error': [EXIT_CODES.findings, EXIT_CODES.network, EXIT_CODES.auth, EXIT_CODES.protocol],
  signal: EXIT_CODES.cancelled,
};

export interface LeafCommand {
  /** 'token inspect' */
  path: string;
  command: Command;
}

/** Every runnable command in commander's tree (groups such as `token` are not runnable themselves). */
export function leafCommands(): LeafCommand[] {
  const program = buildProgram({ deps: createTestDeps(), exitCode: 0 });
  const leaves: LeafCommand[] = [];
  const walk = (command: Command, prefix: string[]): void => {
    for (const child of command.commands) {
      // Internal commands (`__complete-servers`) are run by the completion scripts, not by people: no contract.
      if (child.name() === 'help' || isInternalCommand(child.name())) continue;
      const path = [...prefix, child.name()];
      if (child.commands.length > 0) walk(child, path);
      else leaves.push({ path: path.join(' '), command: child });
    }
  };
  walk(program, []);
  return leaves;
}

/** Arguments for a command nobody declared: a URL for each url-like argument, the first choice of a choice. */
export function synthesizeArgs(command: Command): string[] {
  const args: string[] = [];
  const list = command.registeredArguments;
  const lastUrl = list.findLastIndex((argument) => /url|server/i.test(argument.name()));
  list.forEach((argument, index) => {
    const choices = argument.argChoices ?? (argument.parseArg as { choices?: string[] } | undefined)?.choices;
    if (/url|server/i.test(argument.name())) args.push('{url}');
    else if (choices?.[0] !== undefined) args.push(choices[0]);
    // An argument the URL comes after, or a required one: only a declaration can say what it takes.
    else if (argument.required || index < lastUrl) args.push(`{${argument.name()}}`);
  });
  return args;
}

export function contractFor(leaf: LeafCommand): Required<Pick<CommandContract, 'args' | 'store'>> & CommandContract {
  const declared = CONTRACTS[leaf.path] ?? {};
  return { ...declared, args: declared.args ?? synthesizeArgs(leaf.command), store: declared.store ?? 'logged-in' };
}

export function expectationFor(leaf: LeafCommand, scenario: Scenario): Required<Pick<Expectation, 'exit'>> & Expectation {
  const declared = contractFor(leaf).scenarios?.[scenario] ?? {};
  return { ...declared, exit: declared.exit ?? DEFAULT_EXIT[scenario] };
}
