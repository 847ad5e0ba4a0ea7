import type { DiscoveryAttempt } from '../discovery/index.js';
import { finding, type Finding, type ProbeEvidence } from './report.js';

/** URLs the server supplied that lead to a private, link-local or metadata address: refused, and said so. */
export function checkAddresses(evidence: ProbeEvidence): Finding[] {
  const attempts: DiscoveryAttempt[] = [
    ...(evidence.prm?.attempts ?? []),
    ...(evidence.legacy === undefined ? [] : [evidence.legacy.attempt]),
    ...evidence.servers.flatMap((server) => server.attempts),
    ...evidence.active.flatMap((active) => active.attempts),
  ];
  const seen = new Set<string>();
  return attempts
    .filter((a) => a.error?.code === 'private-address' && !seen.has(a.url) && seen.add(a.url))
    .map((a) => finding('url-private-address', `${a.url}: ${a.error?.message ?? 'refused'}. Not requested (pass --allow-private if that network is meant).`));
}
