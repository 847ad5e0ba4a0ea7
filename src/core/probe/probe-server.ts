import type { DiscoveryAttempt } from '../discovery/index.js';
import { compareSeverity } from '../findings/severity.js';
import { checkActive } from './check-active.js';
import { checkAddresses } from './check-addresses.js';
import { checkAuthorizationServers } from './check-asm.js';
import { checkChallenge } from './check-challenge.js';
import { checkCors } from './check-cors.js';
import { checkIdentityProviders, providerOf } from './check-idp.js';
import { checkProtectedResource } from './check-prm.js';
import { checkGivenToken, checkInvalidToken } from './check-tokens.js';
import { checkTransport } from './check-transport.js';
import { assessCompat } from './compat.js';
import { gatherEvidence, type GatherDeps, type GatherOptions } from './gather.js';
import type { Finding, ProbeAuthorizationServer, ProbeEvidence, ProbeReport, ProbeStep } from './report.js';

export interface ProbeServerOptions extends GatherOptions {
  compat: boolean;
}

/** Runs the whole probe: requests (concurrent where independent), then checks in the chain's order. */
export async function probeServer(target: string, options: ProbeServerOptions, deps: GatherDeps): Promise<ProbeReport> {
  const evidence = await gatherEvidence(target, options, deps);
  const findings = runChecks(evidence);
  return {
    target,
    wire: options.wire,
    authorizationServer: primaryServer(evidence),
    steps: buildSteps(evidence),
    findings,
    compat: options.compat ? assessCompat(evidence, findings) : undefined,
  };
}

export function runChecks(evidence: ProbeEvidence): Finding[] {
  const findings = [
    ...checkTransport(evidence),
    ...checkAddresses(evidence),
    ...checkChallenge(evidence),
    ...checkProtectedResource(evidence),
    ...checkAuthorizationServers(evidence),
    ...checkIdentityProviders(evidence),
    ...checkInvalidToken(evidence),
    ...checkGivenToken(evidence),
    ...checkCors(evidence),
    ...checkActive(evidence.active),
  ];
  // Stable sort: by severity, then in the chain's order.
  return findings.sort((a, b) => compareSeverity(a.severity, b.severity));
}

/** The first listed authorization server (the one clients use) and its recognised IdP. */
function primaryServer(evidence: ProbeEvidence): ProbeAuthorizationServer | null {
  const server = evidence.servers[0];
  if (server === undefined) return null;
  return { issuer: server.issuer, provider: providerOf(server) ?? null };
}

/** The trace's note on the AS metadata step that answered: which IdP, how sure, and why. */
function providerNote(server: ProbeEvidence['servers'][number]): string {
  const idp = providerOf(server);
  if (idp === undefined) return '';
  return `; identity provider: ${idp.name} (${idp.confidence} confidence: ${idp.evidence.join('; ')})`;
}

/** The trace in interpretation order; a URL already fetched is shown as a reuse, not a second request. */
export function buildSteps(evidence: ProbeEvidence): ProbeStep[] {
  type Group = { method: string; attempts: DiscoveryAttempt[]; source?: DiscoveryAttempt; note?: string };
  const single = (method: string, a: DiscoveryAttempt | undefined): Group[] => (a === undefined ? [] : [{ method, attempts: [a] }]);
  const groups: Group[] = [
    ...single('POST', evidence.challenge.attempt),
    ...(evidence.prm ? [{ method: 'GET', attempts: evidence.prm.attempts, source: evidence.prm.source }] : []),
    ...single('GET', evidence.legacy?.attempt),
    ...evidence.servers.map((s) => ({ method: 'GET', attempts: s.attempts, source: s.source, note: providerNote(s) })),
    ...single('POST', evidence.invalidToken?.attempt),
    ...single('POST', evidence.tokenCheck?.result.attempt),
    ...single('POST', evidence.corsChallenge?.attempt),
    ...single('OPTIONS', evidence.preflight?.attempt),
    ...evidence.active.flatMap((a) => a.attempts.map((attempt) => ({ method: attempt.kind === 'active-registration' ? 'POST' : 'GET', attempts: [attempt] }))),
  ];
  const steps: ProbeStep[] = [];
  const seen = new Map<string, number>();
  for (const group of groups) {
    let answeredAt: number | undefined;
    for (const a of group.attempts) {
      const n = steps.length + 1;
      const first = group.method === 'GET' ? seen.get(a.url) : undefined;
      if (group.method === 'GET' && first === undefined) seen.set(a.url, n);
      let detail = first === undefined ? a.detail : `same request as step ${first}: ${a.detail}`;
      // Concurrent requests: later candidates were fetched, but the spec's order makes the earlier answer win.
      if (answeredAt !== undefined && a.purpose === 'spec') detail += ` (not used: step ${answeredAt} answered first)`;
      if (a === group.source) {
        answeredAt = n;
        if (first === undefined) detail += group.note ?? '';
      }
      const durationMs = first === undefined ? a.durationMs : 0;
      steps.push({ n, method: group.method, url: a.url, kind: stepKind(a, evidence), purpose: a.purpose, status: a.status, durationMs, outcome: a.outcome, detail, redirects: a.redirects });
    }
  }
  return steps;
}

function stepKind(a: DiscoveryAttempt, evidence: ProbeEvidence): string {
  if (a === evidence.invalidToken?.attempt) return 'invalid-token';
  if (a === evidence.tokenCheck?.result.attempt) return 'given-token';
  if (a === evidence.corsChallenge?.attempt) return 'cors-challenge';
  return a.kind;
}
