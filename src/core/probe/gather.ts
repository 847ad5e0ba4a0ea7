import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import {
  discoverAuthorizationServer,
  discoverProtectedResource,
  fetchChallenge,
  fetchMetadataDocument,
  legacyMetadataUrl,
  type AuthorizationServerDiscovery,
  type ChallengeResult,
  type DiscoveryDeps,
  type McpWire,
  type ProtectedResourceDiscovery,
} from '../discovery/index.js';
import type { PreflightResult, ProbeEvidence, TokenCheck } from './report.js';
import { runActiveChecks, type ActiveEvidence } from './active.js';
import { sendPreflight } from './preflight.js';

export interface GatherOptions {
  wire: McpWire;
  /** A real token to check (--token); it is sent to the MCP URL only, and never recorded. */
  token?: string;
  /** --active: register a client and send authorization requests (creates state at the AS). */
  active?: boolean;
}

export interface GatherDeps extends DiscoveryDeps {
  now: () => Date;
  /** The bound on the whole probe: aborted, every request still pending fails. */
  signal?: AbortSignal;
}

/**
 * How many authorization_servers entries a probe follows (each costs up to a dozen requests). The rest
 * are reported (prm-too-many-authorization-servers), never requested: a PRM listing 5,000 issuers
 * once cost 13,587 requests and 845 MB.
 */
export const MAX_AUTHORIZATION_SERVERS = 5;

/** An Origin no real client uses, so a CORS answer for it shows the server's general policy. */
export const BROWSER_ORIGIN = 'https://probe.mcpauth.invalid';

/**
 * Makes every request of a probe. Requests that do not depend on each other run at once (challenge,
 * invalid-token, CORS, --token and the well-known PRM URLs in round 1; the AS candidates in round 2);
 * the discovery core interprets answers in the spec's order, so the verdict does not depend on timing.
 */
export async function gatherEvidence(target: string, options: GatherOptions, deps: GatherDeps): Promise<ProbeEvidence> {
  const d: DiscoveryDeps = { ...deps, fetch: (url, init) => deps.fetch(url, { ...init, signal: deps.signal }) };
  const wire = options.wire;
  const invalid = `mcpauth-probe-invalid-${randomUUID()}`;
  const [challenge, invalidToken, corsChallenge, preflight, tokenResult] = await Promise.all([
    fetchChallenge(target, { wire }, d),
    fetchChallenge(target, { wire, token: invalid, label: 'invalid bearer token check' }, d),
    fetchChallenge(target, { wire, origin: BROWSER_ORIGIN, label: 'unauthenticated request from a browser origin (CORS)' }, d),
    sendPreflight(target, BROWSER_ORIGIN, d),
    options.token === undefined ? undefined : fetchChallenge(target, { wire, token: options.token, label: 'the --token check' }, d),
    discoverProtectedResource(target, { concurrent: true }, d),
  ]);
  const evidence = emptyEvidence(target, wire, deps.now(), challenge);
  if (challenge.challenge === undefined) return { ...evidence, incomplete: deps.signal?.aborted === true };
  Object.assign(evidence, { invalidToken, corsChallenge, preflight: preflight satisfies PreflightResult | undefined });
  evidence.tokenCheck = tokenCheckOf(tokenResult, options.token);
  await discoverChain(evidence, challenge, d);
  if (options.active === true) evidence.active = await activeChecks(evidence, d);
  evidence.incomplete = deps.signal?.aborted === true;
  return evidence;
}

async function discoverChain(evidence: ProbeEvidence, challenge: ChallengeResult, d: DiscoveryDeps): Promise<void> {
  const resourceMetadataUrl = usableUrl(challenge.challenge?.resourceMetadata, evidence.target);
  let prm = await discoverProtectedResource(evidence.target, { concurrent: true, resourceMetadataUrl }, d);
  if (prm.metadata === undefined) {
    // The spec's places failed: look where servers misplace documents, only to explain the mistake.
    const [explained, legacy] = await Promise.all([
      discoverProtectedResource(evidence.target, { concurrent: true, resourceMetadataUrl, includeMisplaced: true }, d),
      fetchMetadataDocument(legacyMetadataUrl(evidence.target), 'explain-only: 2025-03-26 AS metadata at the MCP origin', d),
    ]);
    prm = explained;
    evidence.legacy = legacy;
  }
  evidence.prm = prm;
  const listed = prm.metadata === undefined ? await misplacedServers(prm, d) : prm.authorizationServers;
  const issuers = listed.filter((issuer) => usableUrl(issuer, undefined) !== undefined).slice(0, MAX_AUTHORIZATION_SERVERS);
  evidence.servers = await Promise.all(issuers.map((issuer) => discoverServer(issuer, d)));
}

/**
 * PRM found only at a misplaced URL: clients will not get this far, but its authorization servers are
 * still checked, so one run reports the whole chain's problems (the PRM finding says clients stop there).
 */
async function misplacedServers(prm: ProtectedResourceDiscovery, d: DiscoveryDeps): Promise<string[]> {
  const found = prm.attempts.find((a) => a.purpose === 'explain' && a.outcome === 'found');
  const document = found === undefined ? undefined : (await d.cache?.get(found.url))?.document;
  const servers = document?.authorization_servers;
  return Array.isArray(servers) ? servers.filter((s): s is string => typeof s === 'string') : [];
}

async function discoverServer(issuer: string, d: DiscoveryDeps): Promise<AuthorizationServerDiscovery> {
  const found = await discoverAuthorizationServer(issuer, { concurrent: true }, d);
  if (found.metadata !== undefined) return found;
  return discoverAuthorizationServer(issuer, { concurrent: true, includeMisplaced: true }, d);
}

function activeChecks(evidence: ProbeEvidence, d: DiscoveryDeps): Promise<ActiveEvidence[]> {
  const resource = typeof evidence.prm?.metadata?.resource === 'string' ? evidence.prm.metadata.resource : evidence.target;
  const scope = evidence.challenge.challenge?.scope;
  const usable = evidence.servers.filter((s) => s.metadata !== undefined && s.issuerMatch?.kind === 'exact');
  return Promise.all(usable.map((server) => runActiveChecks(server, resource, scope, d)));
}

function emptyEvidence(target: string, wire: McpWire, now: Date, challenge: ChallengeResult): ProbeEvidence {
  return {
    target, wire, challenge, now, invalidToken: undefined, prm: undefined, servers: [], legacy: undefined,
    corsChallenge: undefined, preflight: undefined, tokenCheck: undefined, active: [], incomplete: false,
  };
}

function tokenCheckOf(result: ChallengeResult | undefined, token: string | undefined): TokenCheck | undefined {
  if (result === undefined || token === undefined) return undefined;
  let claims: Record<string, unknown> | undefined;
  try {
    claims = decodeJwt(token) as Record<string, unknown>;
  } catch {
    claims = undefined; // an opaque token: only the server's answer can be reported
  }
  return { result, claims };
}

/** An absolute URL resolved against `base`; undefined when it cannot be one (reported by the challenge checks). */
function usableUrl(value: string | undefined, base: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = base === undefined ? new URL(value) : new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
