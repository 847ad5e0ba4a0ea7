import { isJsonContentType, type DiscoveryAttempt, type ProtectedResourceDiscovery } from '../discovery/index.js';
import { finding, type Finding, type ProbeEvidence } from './report.js';
import { scopeList, unsafeUrlReason } from './url-checks.js';
import { MAX_AUTHORIZATION_SERVERS } from './gather.js';

/** Checklist B (and J93): locating and validating the protected resource metadata. */
export function checkProtectedResource(evidence: ProbeEvidence): Finding[] {
  const prm = evidence.prm;
  const status = evidence.challenge.challenge?.status;
  if (prm === undefined || status === undefined) return [];
  if (prm.metadata === undefined) return missingPrm(prm, evidence, status);
  return [
    ...locationFindings(prm),
    ...resourceFindings(prm),
    ...serverListFindings(prm),
    ...contentFindings(prm),
  ];
}

function missingPrm(prm: ProtectedResourceDiscovery, evidence: ProbeEvidence, status: number): Finding[] {
  const findings = invalidResponses(prm.attempts);
  // A server that serves anonymously and publishes nothing simply has no auth (reported as server-no-auth).
  if (status >= 200 && status < 300) return findings;
  const appended = prm.attempts.find((a) => a.kind === 'appended' && a.outcome === 'found');
  if (appended !== undefined) {
    findings.push(finding('prm-appended-path', `PRM is served only at ${appended.url} (appended); clients look at ${prm.attempts[0]?.url ?? '?'}.`));
  } else {
    const tried = prm.attempts.filter((a) => a.purpose === 'spec').map((a) => `${a.url} (${a.status ?? a.outcome})`);
    findings.push(finding('prm-not-found', `No protected resource metadata at ${tried.join(', ')}.`));
  }
  if (evidence.legacy?.document !== undefined) {
    findings.push(finding('legacy-2025-03-26', `No PRM, but 2025-03-26-style AS metadata at ${evidence.legacy.attempt.url}; only old clients (or SDK fallbacks) find it.`));
  }
  return findings;
}

function invalidResponses(attempts: DiscoveryAttempt[]): Finding[] {
  const bad = attempts.filter((a) => a.purpose === 'spec' && ['http-status', 'not-json', 'too-large'].includes(a.outcome));
  return bad.map((a) => finding('prm-invalid-response', `${a.url}: ${a.detail}.`));
}

function locationFindings(prm: ProtectedResourceDiscovery): Finding[] {
  const findings = invalidResponses(prm.attempts.filter((a) => a.kind === 'header' || a === prm.source));
  const header = prm.attempts.find((a) => a.kind === 'header');
  if (header !== undefined && header.outcome !== 'found' && prm.source !== undefined) {
    findings.push(finding('prm-header-url-broken', `The challenge's resource_metadata ${header.url} fails (${header.detail}) while ${prm.source.url} works.`));
  }
  const source = prm.source;
  if (source !== undefined && !isJsonContentType(source.contentType)) {
    findings.push(finding('prm-invalid-response', `${source.url}: Content-Type is ${source.contentType ?? 'missing'}, not application/json.`, 'warning'));
  }
  if (source !== undefined && source.redirects.length > 0) {
    findings.push(finding('prm-redirected', `${source.url} redirects (${source.redirects.join(' -> ')}) before answering.`));
  }
  return findings;
}

function resourceFindings(prm: ProtectedResourceDiscovery): Finding[] {
  const match = prm.resourceMatch;
  const found = JSON.stringify(prm.metadata?.resource ?? null);
  if (match === undefined || match.kind === 'exact') return [];
  if (match.kind === 'near') {
    return [finding('prm-resource-near-match', `PRM resource ${found} vs the dialled ${prm.mcpUrl}: ${match.reason}.`)];
  }
  return [finding('prm-resource-mismatch', `PRM resource ${found} vs the dialled ${prm.mcpUrl}: ${match.reason}; RFC 9728 clients must discard this metadata.`)];
}

function serverListFindings(prm: ProtectedResourceDiscovery): Finding[] {
  const list = prm.metadata?.authorization_servers;
  if (!Array.isArray(list) || list.length === 0 || prm.authorizationServers.length === 0) {
    return [finding('prm-no-authorization-servers', `authorization_servers is ${JSON.stringify(list ?? null)}.`)];
  }
  const findings: Finding[] = [];
  if (list.length > MAX_AUTHORIZATION_SERVERS) {
    findings.push(finding('prm-too-many-authorization-servers', `${list.length} authorization servers are listed; the first ${MAX_AUTHORIZATION_SERVERS} were checked, the other ${list.length - MAX_AUTHORIZATION_SERVERS} were not requested.`));
  }
  for (const entry of list.slice(0, MAX_AUTHORIZATION_SERVERS)) {
    const reason = typeof entry === 'string' ? issuerReason(entry) : 'not a string';
    if (reason !== undefined) findings.push(finding('prm-authorization-server-invalid', `authorization_servers entry ${JSON.stringify(entry)} is ${reason}.`));
  }
  if (list.length > 1) {
    findings.push(finding('prm-multiple-authorization-servers', `${list.length} authorization servers are listed; ${list.length > MAX_AUTHORIZATION_SERVERS ? `the first ${MAX_AUTHORIZATION_SERVERS}` : 'each'} was checked.`));
  }
  return findings;
}

/** RFC 8414 §2: an issuer is an https URL with no query or fragment. */
function issuerReason(issuer: string): string | undefined {
  const unsafe = unsafeUrlReason(issuer);
  if (unsafe !== undefined) return unsafe;
  const url = new URL(issuer);
  return url.search !== '' || url.hash !== '' ? 'a URL with a query or fragment' : undefined;
}

function contentFindings(prm: ProtectedResourceDiscovery): Finding[] {
  const findings: Finding[] = [];
  const metadata = prm.metadata ?? {};
  if (metadata.scopes_supported === undefined) {
    findings.push(finding('prm-no-scopes-supported', 'The PRM has no scopes_supported.'));
  } else if (scopeList(metadata.scopes_supported).includes('offline_access')) {
    findings.push(finding('scope-offline-access', 'The PRM scopes_supported includes offline_access.'));
  }
  const methods = metadata.bearer_methods_supported;
  if (methods !== undefined) {
    const list = scopeList(methods);
    if (list.includes('query') || !list.includes('header')) {
      findings.push(finding('prm-bearer-query', `bearer_methods_supported is ${JSON.stringify(methods)}.`));
    }
  }
  return findings;
}
