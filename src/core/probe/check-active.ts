import type { ActiveEvidence } from './active.js';
import { finding, type Finding } from './report.js';

/** `--active` findings (checklist D50-D53, E59, E60). */
export function checkActive(active: ActiveEvidence[]): Finding[] {
  return active.flatMap((a) => {
    const findings: Finding[] = [];
    if (a.registration?.ok === false) {
      findings.push(finding('active-registration-failed', `${a.issuer}: registering a native client with a loopback redirect URI failed: ${a.registration.reason}.`));
    }
    for (const reason of a.inconclusive) findings.push(finding('active-inconclusive', `${a.issuer}: inconclusive: ${reason}.`));
    if (a.resourceOutcome === 'invalid_target') {
      findings.push(finding('active-resource-rejected', `${a.issuer}: the authorization request with the MCP resource came back with error=invalid_target.`));
    }
    if (a.unregisteredRedirect !== undefined) {
      findings.push(finding('active-unregistered-redirect-accepted', `${a.issuer}: an unregistered redirect_uri was redirected to (${a.unregisteredRedirect}).`));
    }
    return findings;
  });
}
