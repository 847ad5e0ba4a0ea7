import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { McpServerKnobs } from './mcp-server-knobs.js';

export interface BearerAuthContext {
  knobs: McpServerKnobs;
  verifier: OAuthTokenVerifier;
  /** URL advertised as resource_metadata. */
  prmUrl: string;
  requiredScopes: string[];
  adminScope: string;
  /** Tool that needs adminScope on top of requiredScopes. */
  adminTool: string;
}

type AuthFailure =
  | { kind: 'missing'; description: string }
  | { kind: 'invalid'; description: string }
  | { kind: 'insufficient_scope'; description: string; scope: string };

/**
 * Our own bearer middleware rather than the SDK's requireBearerAuth, because the challenge knobs (no header,
 * other scheme, wrong status, missing parameters) are exactly what the SDK is built not to get wrong.
 */
export function bearerAuth(ctx: BearerAuthContext): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (!header) {
      if (ctx.knobs.challenge?.status === 200) return next();
      return sendChallenge(res, { kind: 'missing', description: 'Missing Authorization header' }, ctx);
    }
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!token) return sendChallenge(res, { kind: 'invalid', description: 'Authorization header is not a Bearer token' }, ctx);
    let auth: AuthInfo;
    try {
      auth = await ctx.verifier.verifyAccessToken(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) return sendChallenge(res, { kind: 'invalid', description: err.message }, ctx);
      return next(err);
    }
    // The SDK's requireBearerAuth also refuses tokens without an expiry; keep the same contract.
    if (auth.expiresAt === undefined) return sendChallenge(res, { kind: 'invalid', description: 'Token has no expiration time' }, ctx);
    const failure = scopeFailure(auth, req.body, ctx);
    if (failure) return sendChallenge(res, failure, ctx);
    Object.assign(req, { auth });
    return next();
  };
}

function scopeFailure(auth: AuthInfo, body: unknown, ctx: BearerAuthContext): AuthFailure | undefined {
  const lacks = (scopes: string[]) => scopes.some((s) => !auth.scopes.includes(s));
  if (lacks(ctx.requiredScopes)) {
    return { kind: 'insufficient_scope', description: 'Insufficient scope', scope: ctx.requiredScopes.join(' ') };
  }
  // MCP 2025-11-25 step-up: the 403 must come at HTTP level, before the SDK turns the call into a JSON-RPC result.
  const adminScopes = [...ctx.requiredScopes, ctx.adminScope];
  if (callsTool(body, ctx.adminTool) && lacks(adminScopes)) {
    return { kind: 'insufficient_scope', description: `${ctx.adminTool} needs ${ctx.adminScope}`, scope: adminScopes.join(' ') };
  }
  return undefined;
}

/** True when the JSON-RPC body (single or batch) is a tools/call of the named tool. */
export function callsTool(body: unknown, name: string): boolean {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.some((m) => {
    if (typeof m !== 'object' || m === null) return false;
    const { method, params } = m as { method?: unknown; params?: { name?: unknown } };
    return method === 'tools/call' && params?.name === name;
  });
}

function statusFor(failure: AuthFailure, knobs: McpServerKnobs): number {
  if (failure.kind === 'missing') return knobs.challenge?.status ?? 401;
  if (failure.kind === 'invalid') return knobs.invalidTokenStatus ?? 401;
  return knobs.insufficientScopeStatus ?? 403;
}

/** RFC 6750 §3 challenge, bent by the challenge knobs. Undefined when no header is to be sent. */
export function challengeHeader(failure: AuthFailure, ctx: BearerAuthContext): string | undefined {
  const knobs = ctx.knobs.challenge ?? {};
  if (knobs.header === false) return undefined;
  if (knobs.scheme && knobs.scheme.toLowerCase() !== 'bearer') return `${knobs.scheme} realm="mcp"`;
  const params: string[] = [];
  if (!(failure.kind === 'missing' && knobs.error === false)) {
    const error = failure.kind === 'insufficient_scope' ? 'insufficient_scope' : 'invalid_token';
    params.push(`error="${error}"`, `error_description="${failure.description.replace(/["\\]/g, '')}"`);
  }
  const scope = failure.kind === 'insufficient_scope' ? failure.scope : knobs.scope ?? ctx.requiredScopes.join(' ');
  if (knobs.scope !== false && scope) params.push(`scope="${scope}"`);
  if (knobs.resourceMetadata !== false) params.push(`resource_metadata="${knobs.resourceMetadata ?? ctx.prmUrl}"`);
  return params.length > 0 ? `Bearer ${params.join(', ')}` : 'Bearer';
}

function sendChallenge(res: Response, failure: AuthFailure, ctx: BearerAuthContext): void {
  const status = statusFor(failure, ctx.knobs);
  if (status >= 300 && status < 400) {
    const location = ctx.knobs.challenge?.location ?? `${ctx.knobs.issuer ?? ''}/login`;
    res.status(status).location(location).type('html').send(`<html><body><a href="${location}">Sign in</a></body></html>`);
    return;
  }
  const header = challengeHeader(failure, ctx);
  if (header !== undefined) res.set('WWW-Authenticate', header);
  const error = status >= 500 ? 'server_error' : failure.kind === 'insufficient_scope' ? 'insufficient_scope' : 'invalid_token';
  res.status(status).json({ error, error_description: failure.description });
}
