import type { Challenge } from '../discovery/index.js';
import { finding, type Finding, type ProbeEvidence } from './report.js';
import { originOf, scopeList, unsafeUrlReason } from './url-checks.js';

/** Checklist A: the unauthenticated request and its 401 challenge. */
export function checkChallenge(evidence: ProbeEvidence): Finding[] {
  const challenge = evidence.challenge.challenge;
  if (challenge === undefined) return [];
  if (challenge.status !== 401) return checkStatus(challenge, evidence);
  if (challenge.wwwAuthenticate.kind === 'absent') {
    return [finding('challenge-missing-header', `${evidence.target} answered 401 without a WWW-Authenticate header.`)];
  }
  if (challenge.wwwAuthenticate.kind === 'malformed') {
    const { raw, reason } = challenge.wwwAuthenticate;
    return [finding('challenge-malformed', `WWW-Authenticate: ${raw.slice(0, 200)} cannot be parsed: ${reason}.`)];
  }
  if (challenge.bearer === undefined) {
    const schemes = challenge.wwwAuthenticate.challenges.map((c) => c.scheme).join(', ');
    return [finding('challenge-not-bearer', `The 401 challenges only with: ${schemes}; there is no Bearer challenge.`)];
  }
  return [...checkResourceMetadata(challenge, evidence), ...checkBearerParameters(challenge, evidence)];
}

function checkStatus(challenge: Challenge, evidence: ProbeEvidence): Finding[] {
  const prmFound = evidence.prm?.metadata !== undefined;
  if (challenge.status >= 200 && challenge.status < 300) {
    if (!prmFound) return [finding('server-no-auth', `${evidence.target} answered ${challenge.status} without a token and publishes no protected resource metadata.`)];
    // Checklist A2: a warning; auth is optional, but metadata announcing it while serving anonymously is contradictory.
    return [finding('challenge-not-401', `${evidence.target} served the request without a token (${challenge.status}) although it publishes protected resource metadata.`, 'warning')];
  }
  if (challenge.status >= 300 && challenge.status < 400) {
    return [finding('challenge-not-401', `${evidence.target} answered ${challenge.status}, a redirect to ${challenge.location ?? '(no Location)'}, instead of 401: API clients cannot follow a login page.`)];
  }
  const html = challenge.bodyKind === 'html' ? ' with an HTML page' : '';
  return [finding('challenge-not-401', `${evidence.target} answered ${challenge.status}${html} to a request without a token; clients only start authorization on 401.`)];
}

function checkResourceMetadata(challenge: Challenge, evidence: ProbeEvidence): Finding[] {
  const value = challenge.resourceMetadata;
  if (value === undefined) {
    const prmFound = evidence.prm?.metadata !== undefined;
    const message = `The Bearer challenge has no resource_metadata${prmFound ? '; clients must fall back to the well-known URLs (2025-06-18 clients cannot)' : ' and no well-known PRM works either'}.`;
    return [finding('challenge-no-resource-metadata', message, prmFound ? 'warning' : 'error')];
  }
  const reason = unsafeUrlReason(value);
  if (reason !== undefined) return [finding('challenge-resource-metadata-invalid', `resource_metadata="${value}" is ${reason}.`)];
  if (originOf(value) !== originOf(evidence.target)) {
    return [finding('challenge-resource-metadata-cross-origin', `resource_metadata="${value}" is on ${originOf(value) ?? '?'}, not on ${originOf(evidence.target) ?? '?'}.`)];
  }
  return [];
}

function checkBearerParameters(challenge: Challenge, evidence: ProbeEvidence): Finding[] {
  const findings: Finding[] = [];
  if (challenge.error !== undefined) {
    findings.push(finding('challenge-error-without-token', `The no-token challenge carries error="${challenge.error}".`));
  }
  const prmScopes = evidence.prm?.metadata?.scopes_supported;
  if (challenge.scope === undefined && prmScopes === undefined) {
    findings.push(finding('challenge-no-scope', 'Neither the challenge (scope) nor the PRM (scopes_supported) says which scopes to request.'));
  }
  if (scopeList(challenge.scope).includes('offline_access')) {
    findings.push(finding('scope-offline-access', `The challenge asks for scope="${challenge.scope ?? ''}", which includes offline_access.`));
  }
  return findings;
}
