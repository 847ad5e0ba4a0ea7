import type { Command } from 'commander';
import { platform } from 'node:os';
import type { LoginRequest } from '../core/flows/login.js';
import { CliError } from '../errors.js';
import { terminalText } from '../output/terminal-text.js';
import type { CredentialStore } from '../core/store/credential-store.js';
import { examples, parsePort, parseUrl, runAction, type CommandContext } from './command-context.js';
import { protocolVersionOption } from './mcp-options.js';
import type { Runtime } from './runtime.js';

export interface LoginOptions {
  url: string;
  clientId: string | undefined;
  /** Where the client secret comes from: 'stdin', 'file:<path>' or 'env:<VAR>'. */
  clientSecretFile: string | undefined;
  clientSecretEnv: string | undefined;
  clientSecretStdin: boolean;
  clientMetadataUrl: string | undefined;
  scope: string | undefined;
  port: number;
  browser: string | boolean;
  device: boolean;
  assumePkceS256: boolean;
  /** Refuse unless the AS metadata lists S256, even for Entra ID and Cognito. */
  strictPkce?: boolean;
  /** Replace a usable stored credential without asking. */
  yes?: boolean;
  protocolVersion?: string;
  /** --resource <uri> (string), --no-resource (false), or neither (undefined). */
  resource?: string | boolean;
  audience?: string;
  trustIssuer?: string;
  prompt?: string;
}

export type LoginRun = (options: LoginOptions, runtime: Runtime) => Promise<number>;

export function registerLogin(parent: Command, ctx: CommandContext, run: LoginRun = runLogin): void {
  parent
    .command('login')
    .summary('log in to a remote MCP server (OAuth 2.1 + PKCE, or the device flow)')
    .description(
      'Discovers the server\'s authorization server, registers or identifies the client, runs the\n' +
        'authorization code flow with PKCE through a loopback redirect (or the device flow), stores the\n' +
        'credential safely, and proves it works with an MCP initialize.',
    )
    .argument('<url>', 'the MCP server URL', parseUrl)
    .option('--client-id <id>', 'use this pre-registered client')
    .option('--client-secret-file <path>', 'read the client secret from this file')
    .option('--client-secret-env <VAR>', 'read the client secret from this environment variable')
    .option('--client-secret-stdin', 'read the client secret from standard input', false)
    .option('--client-metadata-url <url>', 'use this Client ID Metadata Document URL as the client_id', parseUrl)
    .option('--scope <scopes>', 'request these scopes (space-separated) instead of the discovered ones')
    .option('--port <n>', 'loopback port for the redirect (0 = any free port)', parsePort, 0)
    .option('--browser <program>', 'open the authorization URL with this program (env MCPAUTH_BROWSER)')
    .option('--no-browser', 'print the authorization URL instead of opening a browser')
    .option('--device', 'use the device authorization flow (RFC 8628)', false)
    .option('-y, --yes', 'replace a usable stored credential without asking', false)
    .option('--assume-pkce-s256', 'proceed when the server does not advertise PKCE S256 (Entra ID and Cognito are recognised without it)', false)
    .option('--strict-pkce', 'refuse unless the metadata lists S256 in code_challenge_methods_supported, even for Entra ID and Cognito', false)
    .option('--resource <uri>', 'send this RFC 8707 resource (on authorize, token and refresh), even where the IdP is known to reject it')
    .option('--no-resource', 'send no RFC 8707 resource at all (Entra ID without a matching App ID URI)')
    .option('--audience <value>', "Auth0/Ory 'audience' (Auth0 default: the server's resource); for Entra ID the App ID URI that qualifies bare scopes")
    .option('--trust-issuer <issuer>', 'accept authorization server metadata naming exactly this issuer, although the server lists another')
    .option('--prompt <value>', "send this OIDC 'prompt' (e.g. consent); mcpauth never sends one by itself")
    .addOption(protocolVersionOption())
    .addHelpText(
      'after',
      examples([
        ['mcpauth login https://mcp.example.com/mcp', 'log in through the browser'],
        ['mcpauth login https://mcp.example.com/mcp --device', 'log in from a headless machine'],
        ['mcpauth login https://mcp.example.com/mcp --client-id my-app --client-secret-env MY_SECRET', 'use a pre-registered client'],
        ['mcpauth login https://mcp.example.com/mcp --client-id <app-id>', 'Entra ID: the app registration (resource and PKCE handled)'],
        ['mcpauth login https://mcp.example.com/mcp --audience https://api.example.com', 'Auth0: bind the token to this API'],
        ['mcpauth login https://mcp.example.com/mcp --strict-pkce', 'proceed only if the authorization server advertises PKCE S256'],
      ]),
    )
    .action(async (url: string, flags: Omit<LoginOptions, 'url'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, url, browser: flags.browser ?? true }, runtime));
    });
}

async function readClientSecret(options: LoginOptions, runtime: Runtime): Promise<string | undefined> {
  const sources = [options.clientSecretFile, options.clientSecretEnv, options.clientSecretStdin || undefined].filter((s) => s !== undefined);
  if (sources.length > 1) throw new CliError('usage', 'pass only one of --client-secret-file, --client-secret-env and --client-secret-stdin.');
  let secret: string | undefined;
  if (options.clientSecretFile !== undefined) {
    const { readFile } = await import('node:fs/promises');
    secret = await readFile(options.clientSecretFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError('usage', `cannot read the client secret file ${options.clientSecretFile} (${error.code ?? error.message}).`);
    });
  } else if (options.clientSecretEnv !== undefined) {
    secret = runtime.deps.env[options.clientSecretEnv];
    if (secret === undefined) throw new CliError('usage', `the environment variable ${options.clientSecretEnv} is not set.`);
  } else if (options.clientSecretStdin) {
    secret = await runtime.deps.io.readStdin();
  }
  if (secret !== undefined && options.clientId === undefined) throw new CliError('usage', 'a client secret needs --client-id.');
  return secret?.trim();
}

export async function runLogin(options: LoginOptions, runtime: Runtime): Promise<number> {
  if (options.strictPkce === true && options.assumePkceS256) throw new CliError('usage', '--strict-pkce and --assume-pkce-s256 contradict each other; pass one of them.');
  const clientSecret = await readClientSecret(options, runtime);
  const { protocolVersionFrom, isStatelessVersion } = await import('../core/mcp/protocol-version.js');
  const version = protocolVersionFrom(runtime.deps.env, options.protocolVersion);
  const { browserChoice, cannotOpenBrowser, createLoginDeps } = await import('./login-deps.js');
  const { performLogin } = await import('../core/flows/login.js');
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
  await confirmReplacement(options, runtime, store);
  const choice = browserChoice(options.browser, runtime.deps.env);
  const auto = choice.kind === 'system' && cannotOpenBrowser(runtime, platform());
  const request: LoginRequest = {
    serverUrl: options.url,
    wire: isStatelessVersion(version) ? '2026-07-28' : '2025-11-25',
    version,
    flow: options.device ? 'device' : auto ? 'device-if-supported' : 'code',
    assumePkceS256: options.assumePkceS256,
    strictPkce: options.strictPkce === true,
    port: options.port,
  };
  if (options.scope !== undefined) request.scopeOverride = options.scope;
  request.idpOverrides = {
    ...(options.resource === false ? { resource: false as const } : typeof options.resource === 'string' ? { resource: options.resource } : {}),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
  };
  if (options.trustIssuer !== undefined) request.trustIssuer = options.trustIssuer;
  if (options.clientId !== undefined) request.preregistered = clientSecret === undefined ? { clientId: options.clientId } : { clientId: options.clientId, clientSecret };
  if (options.clientMetadataUrl !== undefined) request.metadataUrl = options.clientMetadataUrl;
  const interval = Number(runtime.deps.env.MCPAUTH_TEST_DEVICE_INTERVAL_MS);
  if (Number.isFinite(interval) && interval > 0) request.deviceIntervalMs = interval;
  const result = await performLogin(request, createLoginDeps(runtime, store, choice));
  if (runtime.globals.verbose && result.hello.fallback !== undefined) {
    const { describeFallback } = await import('./mcp-session-hooks.js');
    runtime.note(runtime.errStyle.dim(describeFallback(result.hello.fallback)));
  }
  const { renderLoginHuman, renderLoginJson } = await import('../output/login-result.js');
  const storedIn = result.credential.secretLocation === 'keychain' ? 'the OS keychain' : store.describe().home;
  // Every fallback is visible: secrets in a 0600 file instead of the keychain get one line, and why.
  if (result.credential.secretLocation === 'file') {
    const { secretFilePath, keychainFallbackReason } = store.describe();
    runtime.note(runtime.errStyle.yellow(`note: the secrets are in ${secretFilePath} (mode 0600), not the OS keychain: ${keychainFallbackReason ?? 'the keychain is not usable here'}.`));
  }
  const view = { result, storedIn, now: runtime.deps.now() };
  runtime.deps.io.stdout.write(runtime.globals.json ? renderLoginJson(view) : renderLoginHuman(view, runtime.style));
  return 0;
}

/**
 * On a terminal, logging in again over a usable credential asks first (it opens a browser and replaces
 * what works). Without a terminal running `login` is itself the request, so it goes ahead.
 */
async function confirmReplacement(options: LoginOptions, runtime: Runtime, store: CredentialStore): Promise<void> {
  if (options.yes === true || !runtime.canPrompt) return;
  const existing = (await store.findAll(options.url)).find((credential) => credential.refreshAvailable || (credential.accessTokenExpiresAt !== undefined && Date.parse(credential.accessTokenExpiresAt) > runtime.deps.now().getTime()));
  if (existing === undefined) return;
  const { confirmOrFlag } = await import('../platform/prompt.js');
  const question = `A usable credential for ${terminalText(options.url)} is stored (issuer ${terminalText(existing.issuer)}). Log in again and replace it?`;
  if (!(await confirmOrFlag(runtime, question, '--yes', true))) throw new CliError('cancelled', 'kept the stored credential; nothing changed.');
}
