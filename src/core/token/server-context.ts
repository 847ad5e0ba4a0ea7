import type { AuthorizationServer } from 'oauth4webapi';
import { HttpError } from '../http/http-error.js';
import {
  discoverAuthorizationServer,
  discoverProtectedResource,
  fetchChallenge,
  type DiscoveryDeps,
} from '../discovery/index.js';
import { recognizeIdp } from '../idp/index.js';
import { acceptIssuer } from '../idp/issuer-relaxation.js';

/**
 * What an MCP server says about tokens, found by the shared discovery core: its 401 challenge, its
 * Protected Resource Metadata (RFC 9728) and its authorization server's metadata (RFC 8414).
 * Each missing piece leaves a note saying why, so a renderer can explain what could not be checked.
 */
export interface ServerContext {
  mcpUrl: string;
  challengeStatus: number | undefined;
  challengeScope: string[] | undefined;
  /** PRM `resource`: the audience the server expects (MCP 2025-11-25 §Token Audience Binding). */
  resource: string | undefined;
  prmScopes: string[] | undefined;
  issuer: string | undefined;
  /** Only set when the AS metadata's issuer matched exactly (RFC 8414 §3.3). */
  as: AuthorizationServer | undefined;
  notes: string[];
}

export async function discoverServerContext(mcpUrl: string, deps: DiscoveryDeps): Promise<ServerContext> {
  const notes: string[] = [];
  const { challenge, attempt } = await fetchChallenge(mcpUrl, { wire: '2025-11-25', label: 'unauthenticated MCP request' }, deps);
  // No answer at all (refused, DNS, timeout, TLS, Ctrl-C): the outcome is "unreachable" (exit 3) for
  // every command, not a report whose findings would suggest a server-side fix.
  if (challenge === undefined && attempt.error !== undefined && attempt.outcome === 'unreachable') {
    throw new HttpError(attempt.error.code, mcpUrl, attempt.error.message, attempt.error.detailCode === undefined ? {} : { detailCode: attempt.error.detailCode });
  }
  if (challenge === undefined) notes.push(`the MCP server did not answer (${attempt.error?.message ?? attempt.outcome})`);
  const prm = await discoverProtectedResource(mcpUrl, { ...resourceMetadataOption(challenge?.resourceMetadata, mcpUrl) }, deps);
  const resource = typeof prm.metadata?.resource === 'string' ? prm.metadata.resource : undefined;
  if (prm.metadata === undefined) notes.push('no protected resource metadata was found');
  const issuer = prm.authorizationServers[0];
  const context: ServerContext = {
    mcpUrl,
    challengeStatus: challenge?.status,
    challengeScope: challenge?.scope === undefined ? undefined : splitList(challenge.scope),
    resource,
    prmScopes: stringArray(prm.metadata?.scopes_supported),
    issuer,
    as: undefined,
    notes,
  };
  if (issuer === undefined) {
    if (prm.metadata !== undefined) notes.push('the protected resource metadata lists no authorization server');
    return context;
  }
  const asd = await discoverAuthorizationServer(issuer, {}, deps);
  if (asd.metadata === undefined) notes.push(`no authorization server metadata was found for ${issuer}`);
  else {
    // The same two relaxations as login (idp-quirks.md §18.5), said in a note; anything else is refused.
    const idp = recognizeIdp({ issuer, metadata: asd.metadata as Record<string, unknown> });
    const accepted = acceptIssuer(issuer, asd.metadata.issuer, idp, undefined);
    if (accepted.kind === 'refused') notes.push(`the authorization server metadata's issuer does not match ${issuer}, so it is not used (RFC 8414 §3.3)`);
    else context.as = asd.metadata;
    if (accepted.kind !== 'refused' && accepted.kind !== 'exact') notes.push(accepted.warning.replace(/^(warning|note): /, ''));
  }
  return context;
}

function resourceMetadataOption(value: string | undefined, mcpUrl: string): { resourceMetadataUrl?: string } {
  if (value === undefined) return {};
  try {
    return { resourceMetadataUrl: new URL(value, mcpUrl).href };
  } catch {
    // A broken resource_metadata is probe's to diagnose; here the well-known URLs still apply.
    return {};
  }
}

export function splitList(value: string): string[] {
  return value.split(/\s+/).filter((item) => item.length > 0);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
