import type { Command } from 'commander';
import type { KeySource } from '../../core/token/verify-signature.js';
import { CliError } from '../../errors.js';
import { examples, parseUrl, runAction, type CommandContext } from '../command-context.js';
import type { Runtime } from '../runtime.js';
import { terminalText } from '../../output/terminal-text.js';
import { formatCommand } from '../../output/shell-quote.js';
import { parseJsonBounded } from '../../core/json/json-depth.js';

export interface TokenInspectOptions {
  /** The token, '-' for stdin, or undefined to use the stored one for --server. */
  token: string | undefined;
  server: string | undefined;
  jwks: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  need: string | undefined;
  clientId?: string | undefined;
  clientSecretFile?: string | undefined;
  clientSecretEnv?: string | undefined;
}

export type TokenInspectRun = (options: TokenInspectOptions, runtime: Runtime) => Promise<number>;

export function registerTokenInspect(parent: Command, ctx: CommandContext, run: TokenInspectRun = runTokenInspect): void {
  parent
    .command('inspect')
    .summary('decode and verify an access token, and say why a server may refuse it')
    .argument('[token]', "the token, or '-' to read it from standard input")
    .option('--server <url>', 'the MCP server: verify against its issuer and resource (and use its stored token)', parseUrl)
    .option('--jwks <url|file>', 'verify the signature with this JWKS instead of discovering it')
    .option('--issuer <issuer>', 'the expected issuer (with --jwks)')
    .option('--audience <aud>', 'the expected audience (default: the server\'s resource)')
    .option('--need <scopes>', 'scopes the token must hold (space-separated)')
    .option('--client-id <id>', 'client for introspecting an opaque token (default: the stored client)')
    .option('--client-secret-file <path>', 'read that client\'s secret from this file')
    .option('--client-secret-env <VAR>', 'read that client\'s secret from this environment variable')
    .addHelpText(
      'after',
      examples([
        ['mcpauth token inspect --server https://mcp.example.com/mcp', 'the stored token for that server'],
        ['pbpaste | mcpauth token inspect - --server https://mcp.example.com/mcp', 'a token from the clipboard'],
        ['mcpauth token inspect - --jwks ./jwks.json --issuer https://as.example.com --need "files:read"', 'offline, with a local JWKS'],
      ]),
    )
    .action(async (token: string | undefined, flags: Omit<TokenInspectOptions, 'token'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, token }, runtime));
    });
}

export async function runTokenInspect(options: TokenInspectOptions, runtime: Runtime): Promise<number> {
  const { inspectToken } = await import('../../core/token/inspect-token.js');
  const { planFromFlags, planFromServer } = await import('../../core/token/server-expectations.js');
  const source = await resolveToken(options, runtime);
  const flags = {
    issuer: options.issuer,
    audience: options.audience,
    needScopes: options.need === undefined ? undefined : options.need.split(/[\s,]+/).filter((s) => s.length > 0),
    keys: options.jwks === undefined ? undefined : await loadJwks(options.jwks, runtime),
    clientId: options.clientId ?? source.clientId,
    clientSecret: (await readClientSecret(options, runtime)) ?? (options.clientId === undefined ? source.clientSecret : undefined),
    allowHttp: runtime.globals.allowHttp,
  };
  let plan = planFromFlags(flags);
  let serverContext: import('../../core/token/server-context.js').ServerContext | undefined;
  if (options.server !== undefined) {
    const { discoverServerContext } = await import('../../core/token/server-context.js');
    const server = await discoverServerContext(options.server, { fetch: runtime.http.fetch, clock: runtime.deps.clock });
    for (const note of server.notes) runtime.note(runtime.errStyle.dim(`note: ${terminalText(note)}`));
    plan = planFromServer(server, flags);
    serverContext = server;
  }
  let result = await inspectToken({ token: source.token, ...plan }, { fetch: runtime.http.fetch, now: runtime.deps.now });
  if (serverContext !== undefined) {
    const { diagnoseToken } = await import('../../core/idp/diagnose-token.js');
    const s = serverContext;
    result = { ...result, diagnosis: diagnoseToken({ token: source.token, resource: s.resource, issuer: s.as?.issuer ?? s.issuer, scopes: s.challengeScope ?? s.prmScopes, metadata: s.as as Record<string, unknown> | undefined }) };
  }
  if (runtime.globals.json) {
    const { renderTokenInspectJson } = await import('../../output/token-inspect-json.js');
    runtime.deps.io.stdout.write(renderTokenInspectJson(result));
  } else {
    const { renderTokenInspectHuman } = await import('../../output/token-inspect-human.js');
    runtime.deps.io.stdout.write(renderTokenInspectHuman(result, runtime.style));
  }
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

interface TokenSource {
  token: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
}

async function resolveToken(options: TokenInspectOptions, runtime: Runtime): Promise<TokenSource> {
  if (options.token === '-') return { token: await runtime.deps.io.readStdin(), clientId: undefined, clientSecret: undefined };
  if (options.token !== undefined) {
    runtime.note(runtime.errStyle.yellow("warning: a token on the command line stays in your shell history; pipe it instead: '… | mcpauth token inspect -'."));
    return { token: options.token, clientId: undefined, clientSecret: undefined };
  }
  if (options.server === undefined) {
    throw new CliError('usage', 'No token to inspect.', { hint: "Pass the token, '-' to read it from standard input, or --server <url> to inspect the stored one." });
  }
  const { openCredentialStore } = await import('../../platform/store/open-store.js');
  const { readStoredToken } = await import('../../core/token/stored-token.js');
  const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
  const stored = await readStoredToken(store, options.server);
  if (stored === undefined) {
    throw new CliError('auth', `No stored token for ${options.server}.`, { hint: `Log in first: ${formatCommand(['mcpauth', 'login', options.server], runtime.shell)}, or pass the token.` });
  }
  return { token: stored.accessToken, clientId: stored.credential.clientId, clientSecret: stored.clientSecret };
}

async function loadJwks(value: string, runtime: Runtime): Promise<KeySource> {
  if (/^https?:\/\//i.test(value)) return { kind: 'remote', url: value, origin: value };
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  try {
    const jwks = parseJsonBounded(await readFile(resolve(runtime.deps.cwd, value), 'utf8'), `--jwks ${value}`);
    return { kind: 'local', jwks, origin: value };
  } catch (error) {
    throw new CliError('usage', `--jwks ${value} is neither an http(s) URL nor a readable JSON file.`, { hint: 'Pass the jwks_uri, or a file holding {"keys": [...]}.', cause: error });
  }
}

async function readClientSecret(options: TokenInspectOptions, runtime: Runtime): Promise<string | undefined> {
  if (options.clientSecretEnv !== undefined) {
    const value = runtime.deps.env[options.clientSecretEnv];
    if (value === undefined || value === '') throw new CliError('usage', `The environment variable ${options.clientSecretEnv} is not set.`, { hint: 'Export it, or use --client-secret-file.' });
    return value;
  }
  if (options.clientSecretFile === undefined) return undefined;
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  try {
    return (await readFile(resolve(runtime.deps.cwd, options.clientSecretFile), 'utf8')).trim();
  } catch (error) {
    throw new CliError('usage', `Cannot read the client secret file ${options.clientSecretFile}.`, { hint: 'Check the path and its permissions.', cause: error });
  }
}
