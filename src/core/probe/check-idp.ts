import type { AuthorizationServerDiscovery } from '../discovery/index.js';
import { detectQuirks, recognizeIdp, type RecognizedIdp } from '../idp/index.js';
import { finding, type Finding, type ProbeEvidence } from './report.js';

/** The IdP behind one listed authorization server (from its identifier and, when found, its metadata). */
export function providerOf(server: AuthorizationServerDiscovery): RecognizedIdp | undefined {
  return recognizeIdp({ issuer: server.issuer, metadata: server.metadata as Record<string, unknown> | undefined });
}

/** IdP-specific findings (idp-quirks.md): each carries the catalogue's fix and its sources. */
export function checkIdentityProviders(evidence: ProbeEvidence): Finding[] {
  const prm = evidence.prm?.metadata;
  const prmResource = typeof prm?.resource === 'string' ? prm.resource : undefined;
  const prmScopes = Array.isArray(prm?.scopes_supported) ? prm.scopes_supported.filter((s): s is string => typeof s === 'string') : undefined;
  return evidence.servers.flatMap((server) => {
    const idp = providerOf(server);
    if (idp === undefined || server.metadata === undefined) return [];
    const metadata = server.metadata as Record<string, unknown>;
    return detectQuirks({ idp, listedIssuer: server.issuer, metadata, prmResource, prmScopes, foundAt: server.foundAt }).map((q) => finding(`idp-${q.id}`, q.message));
  });
}
