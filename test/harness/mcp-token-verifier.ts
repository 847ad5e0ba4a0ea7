import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { fetchAsMetadata } from './as-metadata-fetch.js';
import type { IntrospectionConfig, McpServerKnobs } from './mcp-server-knobs.js';

export interface VerifierContext {
  mcpUrl: string;
  knobs: McpServerKnobs;
  /** Every scope the server knows, granted to any token when verify.acceptAny is set. */
  allScopes: string[];
}

/**
 * Builds the token verifier in the SDK's OAuthTokenVerifier shape. Every rejection is an InvalidTokenError:
 * anything else would become an HTTP 500 in the SDK's requireBearerAuth (gotcha 9) and in our own middleware.
 */
export function createTokenVerifier(ctx: VerifierContext): OAuthTokenVerifier {
  const { knobs } = ctx;
  if (knobs.verify?.acceptAny) {
    return { verifyAccessToken: async (token) => ({ token, clientId: 'unknown', scopes: ctx.allScopes, expiresAt: farFuture() }) };
  }
  if (knobs.verify?.introspection) return introspectingVerifier(ctx, knobs.verify.introspection);
  return jwtVerifier(ctx);
}

function expectedAudience(ctx: VerifierContext): string | undefined {
  const audience = ctx.knobs.verify?.audience;
  return audience === false ? undefined : audience ?? ctx.mcpUrl;
}

function jwtVerifier(ctx: VerifierContext): OAuthTokenVerifier {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keys = async () => {
    const uri = ctx.knobs.jwksUri ?? String((await fetchAsMetadata(requireIssuer(ctx))).jwks_uri);
    jwks ??= createRemoteJWKSet(new URL(uri));
    return jwks;
  };
  return {
    async verifyAccessToken(token) {
      try {
        const { payload } = await jwtVerify(token, await keys(), {
          issuer: ctx.knobs.issuer,
          audience: expectedAudience(ctx),
          typ: 'at+jwt',
          algorithms: ['ES256'],
        });
        return toAuthInfo(token, payload, ctx.mcpUrl);
      } catch (err) {
        if (err instanceof joseErrors.JOSEError) throw new InvalidTokenError(err.message);
        throw err;
      }
    },
  };
}

function introspectingVerifier(ctx: VerifierContext, config: IntrospectionConfig): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token) {
      const res = await fetch(config.endpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token }).toString(),
      });
      if (!res.ok) throw new Error(`introspection failed with HTTP ${res.status}`);
      const body = (await res.json()) as JWTPayload & { active?: boolean };
      if (!body.active) throw new InvalidTokenError('token is not active');
      const audience = expectedAudience(ctx);
      const aud = Array.isArray(body.aud) ? body.aud : [body.aud];
      if (audience !== undefined && !aud.includes(audience)) throw new InvalidTokenError(`unexpected "aud" ${String(body.aud)}`);
      return toAuthInfo(token, body, ctx.mcpUrl);
    },
  };
}

function toAuthInfo(token: string, payload: JWTPayload, mcpUrl: string): AuthInfo {
  return {
    token,
    clientId: String(payload.client_id ?? ''),
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    expiresAt: payload.exp,
    resource: new URL(mcpUrl),
    extra: { sub: payload.sub, aud: payload.aud, iss: payload.iss },
  };
}

function requireIssuer(ctx: VerifierContext): string {
  if (!ctx.knobs.issuer) throw new Error('the MCP server needs knobs.issuer or knobs.jwksUri to verify tokens');
  return ctx.knobs.issuer;
}

function farFuture(): number {
  return Math.floor(Date.now() / 1000) + 3600;
}
