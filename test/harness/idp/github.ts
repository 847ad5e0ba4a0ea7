import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PRESET_CLIENTS } from '../auth-provider-config.js';
import { listenOnLoopback } from '../listen.js';
import { startMcpServer } from '../mcp-server.js';
import type { IdpSimulator } from './simulator.js';

/**
 * GitHub's OAuth endpoints (idp-quirks.md §7), purpose-built: oidc-provider cannot answer token errors
 * with HTTP 200 or send form-encoded token responses. The user is taken as signed in and consenting,
 * so /authorize redirects straight back (the consent driver returns that redirect).
 */
export const GITHUB_CLIENT_ID = 'Iv1.8a61f9b3a7aba766';
export const GITHUB_CLIENT_SECRET = 'github-sim-client-secret-0123456789abcdef';
const SCOPES = ['repo', 'read:org'];

export interface GithubOptions {
  /** GitHub App user tokens: ghu_ tokens expiring in 8 h with single-use ghr_ refresh tokens (§7 row 6). */
  appTokens?: boolean;
}

interface Grant { clientId: string; scope: string; challenge: string; redirectUri: string }
interface Issued { clientId: string; scope: string; expiresAt: number | undefined }

const token = (prefix: string): string => `${prefix}_${randomBytes(18).toString('base64url')}`;

export async function startGithubSimulator(options: GithubOptions = {}): Promise<IdpSimulator> {
  const listener = await listenOnLoopback();
  const origin = listener.origin;
  const issuer = `${origin}/login/oauth`;
  const codes = new Map<string, Grant>();
  const accessTokens = new Map<string, Issued>();
  const refreshTokens = new Map<string, Issued>();

  const metadata = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/access_token`,
    // §7 Shape (fixture): S256 only, code + refresh grants, no registration_endpoint, device endpoint.
    device_authorization_endpoint: `${origin}/login/device/code`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
  };

  function issue(clientId: string, scope: string): Record<string, string | number> {
    const access = token(options.appTokens ? 'ghu' : 'gho');
    const expiresIn = options.appTokens ? 28800 : undefined;
    accessTokens.set(access, { clientId, scope, expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000 });
    const body: Record<string, string | number> = { access_token: access, token_type: 'bearer', scope };
    if (options.appTokens) {
      const refresh = token('ghr');
      refreshTokens.set(refresh, { clientId, scope, expiresAt: undefined });
      Object.assign(body, { expires_in: 28800, refresh_token: refresh, refresh_token_expires_in: 15897600 });
    }
    return body;
  }

  // §7 rows 3-4 (typescript-sdk#1342, vercel/ai#10899): errors come with HTTP 200; the body is
  // form-encoded unless the client sends Accept: application/json.
  function answer(req: IncomingMessage, res: ServerResponse, body: Record<string, string | number>): void {
    const json = (req.headers.accept ?? '').includes('application/json');
    res.writeHead(200, { 'content-type': json ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded; charset=utf-8' });
    res.end(json ? JSON.stringify(body) : new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)])).toString());
  }
  const wrongCredentials = { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.', error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials' };
  const badCode = { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code' };

  function authorize(url: URL, res: ServerResponse): void {
    const p = url.searchParams;
    const redirect = URL.canParse(p.get('redirect_uri') ?? '') ? new URL(p.get('redirect_uri') ?? '') : undefined;
    // §7 row 7 (github/docs#13651): for a loopback callback the port may differ; host and path may not.
    const redirectOk = redirect !== undefined && redirect.protocol === 'http:' && redirect.hostname === '127.0.0.1' && redirect.pathname === '/callback';
    if (p.get('client_id') !== GITHUB_CLIENT_ID || !redirectOk || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
      res.writeHead(400, { 'content-type': 'text/html' }).end('<title>Error</title>The redirect_uri is not associated with this application.');
      return;
    }
    const code = randomBytes(10).toString('hex');
    const scope = (p.get('scope') ?? '').split(/[ ,]+/).filter((s) => SCOPES.includes(s)).join(',') || SCOPES[0] as string;
    codes.set(code, { clientId: GITHUB_CLIENT_ID, scope, challenge: p.get('code_challenge') ?? '', redirectUri: redirect.href });
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('state', p.get('state') ?? '');
    res.writeHead(302, { location: redirect.href }).end();
  }

  function exchange(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void {
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic === undefined ? [] : Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
    const clientId = form.get('client_id') ?? basicId;
    // §7 row 5 (GitHub changelog 2025-07-14): PKCE does not make the secret optional.
    if (clientId !== GITHUB_CLIENT_ID || (form.get('client_secret') ?? basicSecret) !== GITHUB_CLIENT_SECRET) return answer(req, res, wrongCredentials);
    if (form.get('grant_type') === 'refresh_token') {
      const old = refreshTokens.get(form.get('refresh_token') ?? '');
      // §7 row 6 (refreshing user access tokens doc): the refresh token is single-use.
      if (old === undefined) return answer(req, res, { error: 'bad_refresh_token', error_description: 'The refresh token passed is incorrect or expired.' });
      refreshTokens.delete(form.get('refresh_token') ?? '');
      return answer(req, res, issue(old.clientId, old.scope));
    }
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (grant === undefined || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) return answer(req, res, badCode);
    answer(req, res, issue(grant.clientId, grant.scope));
  }

  // Test-only stand-in for the GitHub API call a real GitHub-backed MCP server makes to validate a token.
  function introspect(res: ServerResponse, form: URLSearchParams): void {
    const issued = accessTokens.get(form.get('token') ?? '');
    const active = issued !== undefined && (issued.expiresAt === undefined || issued.expiresAt > Date.now());
    // `exp`: the SDK's bearer middleware rejects tokens without one, although gho_ tokens never expire (§7 row 6).
    const exp = Math.floor((issued?.expiresAt ?? Date.now() + 8 * 3600_000) / 1000);
    const body = active ? { active, client_id: issued.clientId, scope: issued.scope.replace(/,/g, ' '), sub: 'octocat', iss: issuer, exp } : { active: false };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  listener.setHandler((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      // §7 Shape (github-mcp-server#2901): metadata only at the RFC 8414 path-inserted URL.
      if (req.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server/login/oauth') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metadata));
      } else if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') authorize(url, res);
      else if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') exchange(req, res, form);
      else if (req.method === 'POST' && url.pathname === '/_sim/introspect') introspect(res, form);
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    });
  });

  const introspection = { endpoint: `${origin}/_sim/introspect`, clientId: PRESET_CLIENTS.introspector.client_id, clientSecret: PRESET_CLIENTS.introspector.client_secret };
  const mcp = await startMcpServer({ issuer, verify: { introspection, audience: false }, requiredScopes: ['repo'], adminScope: 'read:org' }).catch(async (error: unknown) => {
    await listener.close();
    throw error;
  });
  const as = { url: origin, issuer, metadataUrl: `${origin}/.well-known/oauth-authorization-server/login/oauth` };
  return {
    idp: 'github',
    mcpUrl: mcp.url,
    issuer,
    mcp,
    as: as as unknown as IdpSimulator['as'],
    client: { clientId: GITHUB_CLIENT_ID, clientSecret: GITHUB_CLIENT_SECRET },
    close: async () => {
      await Promise.all([mcp.close(), listener.close()]);
    },
  };
}
