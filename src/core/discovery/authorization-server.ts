import type { AuthorizationServer } from 'oauth4webapi';
import type { DiscoveryAttempt } from './attempt.js';
import type { DiscoveryDeps, FetchedDocument } from './fetch-document.js';
import { compareIssuer, type IdentifierMatch } from './identifier-match.js';
import { runCandidates, type CandidateRunOptions } from './run-candidates.js';
import {
  authorizationServerMetadataUrls,
  misplacedAuthorizationServerMetadataUrls,
  type AsmLocationKind,
  type CandidateUrl,
} from './well-known-urls.js';

export interface DiscoverAuthorizationServerOptions extends CandidateRunOptions {
  /** Also request root/appended locations a path issuer's metadata is often misplaced at (explain-only). */
  includeMisplaced?: boolean;
}

export interface AuthorizationServerDiscovery {
  /** The identifier from the PRM's authorization_servers, as listed. */
  issuer: string;
  /**
   * The first document found in the spec's order, as oauth4webapi's `AuthorizationServer` type so
   * `login` can pass it straight to oauth4webapi. Only trust it when `issuerMatch.kind === 'exact'`
   * (RFC 8414 §3.3: otherwise the data MUST NOT be used).
   */
  metadata: AuthorizationServer | undefined;
  source: DiscoveryAttempt | undefined;
  /** Every request, in interpretation order: spec candidates first, then explain-only ones. */
  attempts: DiscoveryAttempt[];
  issuerMatch: IdentifierMatch | undefined;
  /** The kind of location that answered: 'rfc8414-inserted', 'oidc-appended', …; undefined if none. */
  foundAt: AsmLocationKind | undefined;
}

/**
 * Locates authorization server metadata for one issuer in MCP 2025-11-25's priority order
 * ([25-11 L135-144]): for an issuer with a path, RFC 8414 path-inserted, OIDC path-inserted, OIDC
 * appended; without a path, the RFC 8414 and OIDC root URLs. Throws only for an issuer that is not a URL.
 */
export async function discoverAuthorizationServer(
  issuer: string,
  options: DiscoverAuthorizationServerOptions,
  deps: DiscoveryDeps,
): Promise<AuthorizationServerDiscovery> {
  const candidates: CandidateUrl<AsmLocationKind>[] = authorizationServerMetadataUrls(issuer);
  if (options.includeMisplaced === true) candidates.push(...misplacedAuthorizationServerMetadataUrls(issuer));
  const results = await runCandidates(candidates, asmLabel, deps, options);
  return interpretAsm(issuer, candidates, results);
}

function asmLabel(candidate: CandidateUrl<string>): string {
  return candidate.purpose === 'explain' ? `explain-only: AS metadata ${candidate.kind}` : `AS metadata (${candidate.kind})`;
}

function interpretAsm(issuer: string, candidates: CandidateUrl<AsmLocationKind>[], results: FetchedDocument[]): AuthorizationServerDiscovery {
  const index = results.findIndex((r) => r.attempt.purpose === 'spec' && r.document !== undefined);
  const chosen = index === -1 ? undefined : results[index];
  return {
    issuer,
    metadata: chosen?.document as AuthorizationServer | undefined,
    source: chosen?.attempt,
    attempts: results.map((r) => r.attempt),
    issuerMatch: chosen === undefined ? undefined : compareIssuer(chosen.document?.issuer, issuer),
    foundAt: index === -1 ? undefined : candidates[index]?.kind,
  };
}
