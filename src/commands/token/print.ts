import type { Command } from 'commander';
import { examples, parseUrl, runAction, type CommandContext } from '../command-context.js';
import type { Runtime } from '../runtime.js';

export interface TokenPrintOptions {
  url: string;
}

export type TokenPrintRun = (options: TokenPrintOptions, runtime: Runtime) => Promise<number>;

export function registerTokenPrint(parent: Command, ctx: CommandContext, run: TokenPrintRun = runTokenPrint): void {
  parent
    .command('print')
    .summary('print a fresh access token for a server (the only command that prints one)')
    .argument('<url>', 'the MCP server URL', parseUrl)
    .addHelpText(
      'after',
      examples([
        ['curl -H "Authorization: Bearer $(mcpauth token print https://mcp.example.com/mcp)" …', 'use the token in a script'],
      ]),
    )
    .action(async (url: string, _flags: object, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ url }, runtime));
    });
}

/** The only command that prints a token: exactly the token and a newline on stdout, nothing else. */
export async function runTokenPrint(options: TokenPrintOptions, runtime: Runtime): Promise<number> {
  const [{ openCredentialStore }, { getFreshAccessToken }] = await Promise.all([
    import('../../platform/store/open-store.js'),
    import('../../core/flows/refresh.js'),
  ]);
  const { deps } = runtime;
  const store = await openCredentialStore({ env: deps.env, now: deps.now });
  const fresh = await getFreshAccessToken(options.url, { store, fetch: runtime.http.fetch, now: deps.now, allowHttp: runtime.globals.allowHttp });
  if (runtime.globals.verbose) {
    runtime.note(`${fresh.refreshed ? 'Refreshed the access token' : 'Stored access token is valid'}; expires ${fresh.expiresAt ?? 'at an unknown time'}.`);
  }
  if (runtime.globals.json) {
    const body = { access_token: fresh.accessToken, token_type: fresh.tokenType, expires_at: fresh.expiresAt ?? null, refreshed: fresh.refreshed };
    deps.io.stdout.write(`${JSON.stringify(body)}\n`);
  } else {
    deps.io.stdout.write(`${fresh.accessToken}\n`);
  }
  return 0;
}
