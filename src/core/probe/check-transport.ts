import type { DiscoveryAttempt } from '../discovery/index.js';
import { finding, type Finding, type ProbeEvidence } from './report.js';
import { isInsecureRemoteHttp } from './url-checks.js';

/** Checklist H82, H84 and A1: can the MCP URL be reached safely at all? */
export function checkTransport(evidence: ProbeEvidence): Finding[] {
  const findings: Finding[] = [];
  if (isInsecureRemoteHttp(evidence.target)) {
    findings.push(finding('transport-insecure-http', `${evidence.target} is plain http on a non-loopback host; tokens would travel in clear text.`));
  }
  const all = [evidence.challenge.attempt, ...(evidence.prm?.attempts ?? []), ...evidence.servers.flatMap((s) => s.attempts)];
  for (const attempt of all.filter((a) => a.error?.code === 'tls')) {
    findings.push(finding('transport-tls-error', `${attempt.url}: ${attempt.error?.message ?? 'TLS failure'}.`));
  }
  const error = evidence.challenge.attempt.error;
  if (error !== undefined && isUnreachable(evidence.challenge.attempt)) {
    findings.push(finding('endpoint-unreachable', `${evidence.target}: ${error.message}.`));
  }
  if (evidence.incomplete) findings.push(finding('probe-incomplete', 'The probe stopped at its overall time bound; the findings below may be incomplete.'));
  return findings;
}

export function isUnreachable(attempt: DiscoveryAttempt): boolean {
  const code = attempt.error?.code;
  return code === 'dns' || code === 'connection-refused' || code === 'connection-reset' || code === 'timeout' || code === 'network' || code === 'cancelled';
}
