import type { DiscoveryAttempt } from './attempt.js';
import type { DiscoveryDeps, FetchedDocument } from './fetch-document.js';
import { compareResource, type IdentifierMatch } from './identifier-match.js';
import { runCandidates, type CandidateRunOptions } from './run-candidates.js';
import {
  misplacedProtectedResourceMetadataUrls,
  protectedResourceMetadataUrls,
  type CandidateUrl,
  type PrmLocationKind,
} from './well-known-urls.js';

/** RFC 9728 §2 fields, as served (unvalidated beyond being a JSON object). */
export interface ProtectedResourceMetadata extends Record<string, unknown> {
  resource?: unknown;
  authorization_servers?: unknown;
  scopes_supported?: unknown;
  bearer_methods_supported?: unknown;
}

export interface DiscoverProtectedResourceOptions extends CandidateRunOptions {
  /** The challenge's `resource_metadata`, when there was one: tried first ([25-11 L101]). */
  resourceMetadataUrl?: string;
  /** Also request the appended location, to explain a failure (never used as metadata). */
  includeMisplaced?: boolean;
}

export interface ProtectedResourceDiscovery {
  /** The MCP URL as dialled: what `resource` must equal (RFC 9728 §3.3). */
  mcpUrl: string;
  /** The first document found, in the spec's order (header URL, path-inserted, root). */
  metadata: ProtectedResourceMetadata | undefined;
  /** The attempt that produced `metadata`. */
  source: DiscoveryAttempt | undefined;
  /** Every request, in interpretation order: spec candidates first, then explain-only ones. */
  attempts: DiscoveryAttempt[];
  /** How `metadata.resource` compares with `mcpUrl`; undefined when nothing was found. */
  resourceMatch: IdentifierMatch | undefined;
  /** `authorization_servers` entries that are strings (validity is the caller's to judge). */
  authorizationServers: string[];
}

/**
 * Locates RFC 9728 Protected Resource Metadata for an MCP URL in exactly MCP 2025-11-25's order
 * ([25-11 L93-101]): the challenge's `resource_metadata` URL, then the path-inserted well-known URL,
 * then the root one. Unlike the TS SDK it also tries the well-known URLs after a failing header URL,
 * and records that, so a caller can tell "header URL broken" from "nothing anywhere".
 */
export async function discoverProtectedResource(
  mcpUrl: string,
  options: DiscoverProtectedResourceOptions,
  deps: DiscoveryDeps,
): Promise<ProtectedResourceDiscovery> {
  const candidates = prmCandidates(mcpUrl, options);
  const results = await runCandidates(candidates, prmLabel, deps, options);
  return interpretPrm(mcpUrl, results);
}

export function prmCandidates(mcpUrl: string, options: DiscoverProtectedResourceOptions): CandidateUrl<PrmLocationKind>[] {
  const candidates: CandidateUrl<PrmLocationKind>[] = [];
  if (options.resourceMetadataUrl !== undefined) {
    candidates.push({ url: options.resourceMetadataUrl, kind: 'header', purpose: 'spec' });
  }
  candidates.push(...protectedResourceMetadataUrls(mcpUrl));
  if (options.includeMisplaced === true) candidates.push(...misplacedProtectedResourceMetadataUrls(mcpUrl));
  return candidates;
}

function prmLabel(candidate: CandidateUrl<string>): string {
  const where = candidate.kind === 'header' ? 'from the challenge' : candidate.kind;
  return candidate.purpose === 'explain' ? `explain-only: PRM ${where}` : `protected resource metadata (${where})`;
}

function interpretPrm(mcpUrl: string, results: FetchedDocument[]): ProtectedResourceDiscovery {
  const chosen = results.find((r) => r.attempt.purpose === 'spec' && r.document !== undefined);
  const metadata = chosen?.document as ProtectedResourceMetadata | undefined;
  const servers = metadata?.authorization_servers;
  return {
    mcpUrl,
    metadata,
    source: chosen?.attempt,
    attempts: results.map((r) => r.attempt),
    resourceMatch: metadata === undefined ? undefined : compareResource(metadata.resource, mcpUrl),
    authorizationServers: Array.isArray(servers) ? servers.filter((s): s is string => typeof s === 'string') : [],
  };
}
