import type * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import {
  discoverAuthorizationServer,
  discoverProtectedResource,
  fetchChallenge,
  findBearerChallenge,
  parseWwwAuthenticate,
  type DiscoveryAttempt,
  type DiscoveryDeps,
  type McpWire,
  type ProtectedResourceMetadata,
} from '../discovery/index.js';
import { acceptIssuer } from '../idp/issuer-relaxation.js';
import { recognizeIdp, type RecognizedIdp } from '../idp/index.js';
import { createMcpClient } from '../mcp/mcp-client.js';
import { McpHttpError } from '../mcp/mcp-error.js';
import { discoverLegacy } from './legacy-discovery.js';
import type { McpProtocolVersion } from '../mcp/protocol-version.js';

export interface LoginDiscovery {
  /** The RFC 8707 `resource`: the PRM's `resource`, validated against the URL (TS SDK selectResourceURL). */
  resource: string;
  prm: ProtectedResourceMetadata;
  as: oauth.AuthorizationServer;
  /** The Bearer challenge's scope (authoritative for this request, [25-11 L109-113]). */
  challengeScope: string | undefined;
  /** The identity provider behind the AS (core/idp), when recognised. */
  idp?: RecognizedIdp | undefined;
  /** Set when the issuer was accepted by one of the sanctioned relaxations: say so. */
  issuerNote?: string | undefined;
  /** Set when there was no PRM and the 2025-03-26 fallback found the AS: the warning to show. */
  legacyNote?: string | undefined;
}

export interface ChallengeFacts {
  resourceMetadata: string | undefined;
  scope: string | undefined;
  /** The Bearer `error` (RFC 6750 §3.1), e.g. insufficient_scope. */
  error?: string | undefined;
}

function tried(attempts: readonly DiscoveryAttempt[]): string {
  return attempts.map((a) => `${a.url} (${a.status ?? a.outcome})`).join(', ');
}

/** Reads resource_metadata and scope from a raw WWW-Authenticate header (401/403 answers). */
export async function readChallengeHeader(header: string | undefined): Promise<ChallengeFacts> {
  const bearer = findBearerChallenge(await parseWwwAuthenticate(header ?? null));
  return { resourceMetadata: bearer?.parameters.resource_metadata, scope: bearer?.parameters.scope, error: bearer?.parameters.error };
}

/**
 * Step 1 of the client algorithm: the 401. Some servers let `initialize` through and challenge only
 * later requests (the conformance scope-step-up scenario does): then ask for tools/list too.
 */
async function obtainChallenge(url: string, wire: McpWire, version: McpProtocolVersion, deps: DiscoveryDeps): Promise<ChallengeFacts> {
  const { attempt, challenge } = await fetchChallenge(url, { wire }, deps);
  if (!challenge) throw new CliError('network', `could not reach ${url}: ${attempt.detail.replace(/\.$/, '')}.`, { hint: 'Check the URL and your connection (is the server running?), or raise --timeout.' });
  if (challenge.status === 401 || challenge.status === 403) return { resourceMetadata: challenge.resourceMetadata, scope: challenge.scope };
  if (challenge.status >= 200 && challenge.status < 300) {
    const client = createMcpClient({ url, fetch: deps.fetch, version, clientInfo: { name: 'mcpauth', version: '0' } });
    try {
      await client.connect();
      await client.listTools();
    } catch (error) {
      if (error instanceof McpHttpError && (error.status === 401 || error.status === 403)) return readChallengeHeader(error.wwwAuthenticate);
      throw error;
    }
    throw new CliError('usage', `${url} answered without asking for authorization, so there is nothing to log in to.`, {
      hint: 'Run mcpauth probe on the URL to see how the server is protected.',
    });
  }
  throw new CliError('protocol', `${url} answered the first MCP request with HTTP ${challenge.status} instead of 401 (${attempt.detail}).`, {
    hint: 'Run mcpauth probe on the URL for the details.',
  });
}

/** Steps 1-5 of §1.7 through the shared discovery core; every refusal says which document failed. */
export async function discoverForLogin(url: string, wire: McpWire, version: McpProtocolVersion, deps: DiscoveryDeps, options: { trustIssuer?: string } = {}): Promise<LoginDiscovery> {
  const challenge = await obtainChallenge(url, wire, version, deps);
  // RFC 9728 §5.1 wants an absolute URL; a relative one is resolved against the MCP URL, a broken one ignored (the well-known URLs still apply).
  const resourceMetadataUrl = absoluteUrl(challenge.resourceMetadata, url);
  const prm = await discoverProtectedResource(url, resourceMetadataUrl === undefined ? {} : { resourceMetadataUrl }, deps);
  if (!prm.metadata) {
    const legacy = await discoverLegacy(url, deps);
    if (legacy !== undefined && !('refused' in legacy)) {
      const idp = recognizeIdp({ issuer: legacy.as.issuer, metadata: legacy.as as Record<string, unknown> });
      return { resource: url, prm: legacy.prm, as: legacy.as, challengeScope: challenge.scope, idp, legacyNote: legacy.warning };
    }
    const refused = legacy === undefined ? '' : `; ${legacy.refused}`;
    throw new CliError('protocol', `no Protected Resource Metadata (RFC 9728) was found for ${url}; tried ${tried(prm.attempts)}${refused}.`, {
      hint: 'The server must publish it for MCP 2025-06-18 and later; run mcpauth probe on the URL.',
    });
  }
  const match = prm.resourceMatch;
  // RFC 9728 §3.3: a `resource` for another server means the metadata must not be used (the
  // conformance scenario resource-mismatch). A same-origin prefix is accepted, as the SDKs do.
  if (!match || (match.kind !== 'exact' && match.kind !== 'near') || typeof prm.metadata.resource !== 'string') {
    throw new CliError('protocol', `the Protected Resource Metadata names resource ${JSON.stringify(prm.metadata.resource)}, which is not ${url} (${match && 'reason' in match ? match.reason : 'missing'}); refusing to log in.`, {
      hint: 'A resource for another server could send your credentials elsewhere; check the URL, or run mcpauth probe.',
    });
  }
  const issuer = prm.authorizationServers[0];
  if (issuer === undefined) throw new CliError('protocol', 'the Protected Resource Metadata lists no authorization_servers.', { hint: 'Run mcpauth probe on the URL.' });
  const asd = await discoverAuthorizationServer(issuer, {}, deps);
  if (!asd.metadata) {
    throw new CliError('protocol', `no authorization server metadata was found for ${issuer}; tried ${tried(asd.attempts)}.`, { hint: 'Run mcpauth probe on the URL.' });
  }
  const idp = recognizeIdp({ issuer, metadata: asd.metadata as Record<string, unknown> });
  // RFC 8414 §3.3 / [D-disc L94]: metadata whose issuer differs MUST NOT be used, except for the two
  // relaxations idp-quirks.md §18.5 sanctions and an issuer the user trusts by name.
  const accepted = acceptIssuer(issuer, asd.metadata.issuer, idp, options.trustIssuer);
  if (accepted.kind === 'refused') {
    throw new CliError('protocol', `the authorization server metadata at ${asd.source?.url ?? issuer} names issuer ${JSON.stringify(asd.metadata.issuer)}, not ${JSON.stringify(issuer)}; refusing to use it.`, {
      hint: 'This can be a mix-up attack or a misconfigured issuer; run mcpauth probe on the URL. If you know this issuer is right, pass --trust-issuer with it.',
    });
  }
  const issuerNote = accepted.kind === 'exact' ? undefined : accepted.warning;
  return { resource: prm.metadata.resource, prm: prm.metadata, as: asd.metadata, challengeScope: challenge.scope, idp, issuerNote };
}

function absoluteUrl(value: string | undefined, base: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
