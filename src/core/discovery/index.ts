/**
 * The MCP auth discovery core, shared by `probe` and `login` (one core, not a copy).
 *
 * Every function takes `deps: DiscoveryDeps` = `{ fetch: runtime.http.fetch, clock?, cache? }`, never
 * throws for network or HTTP failures, and returns typed data PLUS `attempts`: each URL requested, in
 * the spec's order, with status and outcome, so a caller can both use the metadata and explain it.
 *
 *   fetchChallenge(mcpUrl, { wire }, deps)        -> { attempt, challenge }   401 + WWW-Authenticate
 *   discoverProtectedResource(mcpUrl, opts, deps) -> ProtectedResourceDiscovery   RFC 9728 in [25-11 L101] order
 *   discoverAuthorizationServer(issuer, opts, deps) -> AuthorizationServerDiscovery   [25-11 L135-144] order
 *   parseWwwAuthenticate(header)                  -> ParsedWwwAuthenticate  (oauth4webapi's parser)
 *   compareResource / compareIssuer               -> exact | near | mismatch | missing
 *
 * Options: `concurrent: true` requests every candidate at once and still interprets in spec order
 * (probe); the default requests one by one and stops at the first document (a client, e.g. login).
 * `includeMisplaced: true` adds explain-only requests (purpose 'explain'), never used as metadata.
 */
export type { AttemptOutcome, DiscoveryAttempt } from './attempt.js';
export { isJsonContentType } from './attempt.js';
export { MAX_METADATA_BYTES, fetchMetadataDocument } from './fetch-document.js';
export type { DiscoveryDeps, FetchedDocument } from './fetch-document.js';
export type { CandidateRunOptions } from './run-candidates.js';
export { challengeRequest, challengeRequestInit, fetchChallenge, processChallengeResponse } from './challenge.js';
export type { Challenge, ChallengeRequestOptions, ChallengeResult, McpWire } from './challenge.js';
export { discoverProtectedResource, prmCandidates } from './protected-resource.js';
export type { DiscoverProtectedResourceOptions, ProtectedResourceDiscovery, ProtectedResourceMetadata } from './protected-resource.js';
export { discoverAuthorizationServer } from './authorization-server.js';
export type { AuthorizationServerDiscovery, DiscoverAuthorizationServerOptions } from './authorization-server.js';
export { compareIssuer, compareResource } from './identifier-match.js';
export type { IdentifierMatch } from './identifier-match.js';
export { findBearerChallenge, MAX_CHALLENGE_HEADER_CHARS, parseWwwAuthenticate } from './www-authenticate.js';
export type { AuthChallenge, ParsedWwwAuthenticate } from './www-authenticate.js';
export {
  authorizationServerMetadataUrls,
  legacyMetadataUrl,
  misplacedAuthorizationServerMetadataUrls,
  misplacedProtectedResourceMetadataUrls,
  protectedResourceMetadataUrls,
} from './well-known-urls.js';
export type { AsmLocationKind, CandidateUrl, PrmLocationKind } from './well-known-urls.js';
