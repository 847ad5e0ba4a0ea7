import { finding, type Finding, type ProbeEvidence, type TokenCheck } from './report.js';
import { scopeList } from './url-checks.js';

/** Checklist G73-G75: how the server treats a clearly invalid bearer token. */
export function checkInvalidToken(evidence: ProbeEvidence): Finding[] {
  const answer = evidence.invalidToken?.challenge;
  if (answer === undefined || evidence.challenge.challenge?.status !== 401) return [];
  if (answer.status >= 200 && answer.status < 300) {
    return [finding('server-accepts-invalid-token', `${evidence.target} answered ${answer.status} to "Authorization: Bearer <random invalid value>".`)];
  }
  if (answer.status !== 401) {
    return [finding('server-invalid-token-status', `${evidence.target} answered ${answer.status} (not 401) to an invalid bearer token.`)];
  }
  if (answer.error !== 'invalid_token') {
    return [finding('server-invalid-token-no-error', `The 401 for an invalid token has ${answer.error === undefined ? 'no error parameter' : `error="${answer.error}"`}.`)];
  }
  return [];
}

/** "Why does my valid token get a 401": acceptance, aud vs PRM resource, iss vs AS, expiry, scopes. */
export function checkGivenToken(evidence: ProbeEvidence): Finding[] {
  const check = evidence.tokenCheck;
  const answer = check?.result.challenge;
  if (check === undefined || answer === undefined) return [];
  const accepted = answer.status >= 200 && answer.status < 300;
  const findings: Finding[] = [
    accepted
      ? finding('token-accepted', `The token was accepted (${answer.status}).`)
      : finding('token-rejected', `The token was rejected with ${answer.status}${answer.error === undefined ? '' : ` error="${answer.error}"`}.`),
  ];
  if (check.claims === undefined) return findings;
  return [...findings, ...claimFindings(check, evidence)];
}

function claimFindings(check: TokenCheck, evidence: ProbeEvidence): Finding[] {
  const claims = check.claims ?? {};
  const findings: Finding[] = [];
  const resource = evidence.prm?.metadata?.resource;
  const aud = typeof claims.aud === 'string' ? [claims.aud] : scopeList(claims.aud);
  if (typeof resource === 'string' && !aud.includes(resource)) {
    findings.push(finding('token-audience-mismatch', `aud ${JSON.stringify(claims.aud ?? null)} does not contain the PRM resource "${resource}".`));
  }
  const servers = evidence.prm?.authorizationServers ?? [];
  if (servers.length > 0 && (typeof claims.iss !== 'string' || !servers.includes(claims.iss))) {
    findings.push(finding('token-issuer-mismatch', `iss ${JSON.stringify(claims.iss ?? null)} is not one of ${servers.join(', ')}.`));
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= evidence.now.getTime()) {
    findings.push(finding('token-expired', `exp ${new Date(claims.exp * 1000).toISOString()} is in the past.`));
  }
  const wanted = scopeList(evidence.challenge.challenge?.scope);
  const granted = scopeList(claims.scope ?? claims.scp);
  const lacking = wanted.filter((s) => !granted.includes(s));
  if (lacking.length > 0) {
    findings.push(finding('token-scope-insufficient', `The token lacks ${lacking.join(', ')} (it has ${granted.join(' ') || 'no scope'}).`));
  }
  return findings;
}
