import type { Command } from 'commander';
import { examples, notAvailable, parseUrl, runAction, type CommandContext } from '../command-context.js';
import type { Runtime } from '../runtime.js';

export interface TokenInspectOptions {
  /** The token, '-' for stdin, or undefined to use the stored one for --server. */
  token: string | undefined;
  server: string | undefined;
  jwks: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  need: string | undefined;
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
    .addHelpText(
      'after',
      examples([
        ['mcpauth token inspect --server https://mcp.example.com/mcp', 'the stored token for that server'],
        ['pbpaste | mcpauth token inspect - --server https://mcp.example.com/mcp', 'a token from the clipboard'],
      ]),
    )
    .action(async (token: string | undefined, flags: Omit<TokenInspectOptions, 'token'>, command: Command) => {
      await runAction(ctx, command, (runtime) => run({ ...flags, token }, runtime));
    });
}

export async function runTokenInspect(_options: TokenInspectOptions, _runtime: Runtime): Promise<number> {
  throw notAvailable('token inspect');
}
