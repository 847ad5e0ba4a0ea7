import { isJsonContentType, type AuthorizationServerDiscovery } from '../discovery/index.js';
import { finding, type Finding, type ProbeEvidence } from './report.js';
import { scopeList, unsafeUrlReason } from './url-checks.js';

const ENDPOINT_FIELDS = [
  'authorization_endpoint',
  'token_endpoint',
  'registration_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'device_authorization_endpoint',
  'jwks_uri',
] as const;

/** Checklist C (and H83, H86): each listed authorization server's metadata. */
export function checkAuthorizationServers(evidence: ProbeEvidence): Finding[] {
  return evidence.servers.flatMap((server) => checkServer(server, evidence));
}

function checkServer(server: AuthorizationServerDiscovery, evidence: ProbeEvidence): Finding[] {
  if (server.metadata === undefined) return missingMetadata(server);
  const findings: Finding[] = [];
  const source = server.source;
  if (source !== undefined && !isJsonContentType(source.contentType)) {
    findings.push(finding('asm-invalid-response', `${source.url}: Content-Type is ${source.contentType ?? 'missing'}, not application/json.`));
  }
  const match = server.issuerMatch;
  if (match !== undefined && match.kind !== 'exact') {
    const found = JSON.stringify(server.metadata.issuer ?? null);
    findings.push(finding('asm-issuer-mismatch', `${source?.url ?? server.issuer}: issuer ${found} vs the listed ${server.issuer} (${match.reason}); strict clients discard this metadata.`));
  }
  findings.push(...contentFindings(server, evidence));
  if (server.foundAt === 'oidc-inserted' || server.foundAt === 'oidc-appended' || server.foundAt === 'oidc-root') {
    findings.push(finding('asm-oidc-only', `${server.issuer}: metadata found only via OpenID Connect discovery (${server.foundAt}).`));
  }
  return findings;
}

function missingMetadata(server: AuthorizationServerDiscovery): Finding[] {
  const misplaced = server.attempts.find((a) => a.purpose === 'explain' && a.outcome === 'found');
  if (misplaced !== undefined) {
    return [finding('asm-wrong-location', `${server.issuer}: metadata exists only at ${misplaced.url} (${misplaced.kind}), which clients do not request for this issuer.`)];
  }
  const tried = server.attempts.filter((a) => a.purpose === 'spec').map((a) => `${a.url} (${a.status ?? a.outcome})`);
  return [finding('asm-not-found', `${server.issuer}: no metadata at ${tried.join(', ')}.`)];
}

function contentFindings(server: AuthorizationServerDiscovery, evidence: ProbeEvidence): Finding[] {
  const m = server.metadata as Record<string, unknown>;
  const at = server.issuer;
  const findings: Finding[] = [];
  const missing = ['authorization_endpoint', 'token_endpoint'].filter((f) => typeof m[f] !== 'string');
  if (missing.length > 0 || !scopeList(m.response_types_supported).includes('code')) {
    const what = missing.length > 0 ? `${missing.join(' and ')} missing` : 'response_types_supported lacks "code"';
    findings.push(finding('asm-missing-endpoints', `${at}: ${what}.`));
  }
  const grants = m.grant_types_supported;
  if (grants !== undefined && !scopeList(grants).includes('authorization_code')) {
    findings.push(finding('asm-no-authorization-code-grant', `${at}: grant_types_supported is ${JSON.stringify(grants)}.`));
  }
  if (grants !== undefined && !scopeList(grants).includes('refresh_token')) {
    findings.push(finding('asm-no-refresh-grant', `${at}: grant_types_supported has no refresh_token.`));
  }
  findings.push(...pkceFindings(m, at));
  if (m.client_id_metadata_document_supported !== true && typeof m.registration_endpoint !== 'string') {
    findings.push(finding('asm-no-registration', `${at}: no registration_endpoint and no client_id_metadata_document_supported; users must pre-register a client.`));
  }
  for (const field of ENDPOINT_FIELDS) {
    const reason = m[field] === undefined ? undefined : unsafeUrlReason(m[field]);
    if (reason !== undefined) findings.push(finding('asm-unsafe-url', `${at}: ${field} ${JSON.stringify(m[field])} is ${reason}.`));
  }
  if (m.authorization_response_iss_parameter_supported !== true) {
    findings.push(finding('asm-no-iss-parameter', `${at}: authorization_response_iss_parameter_supported is not true.`));
  }
  const resource = evidence.prm?.metadata?.resource;
  if (Array.isArray(m.protected_resources) && typeof resource === 'string' && !m.protected_resources.includes(resource)) {
    findings.push(finding('asm-resource-not-listed', `${at}: protected_resources does not list ${resource}.`));
  }
  return findings;
}

function pkceFindings(m: Record<string, unknown>, at: string): Finding[] {
  const methods = m.code_challenge_methods_supported;
  if (methods === undefined) return [finding('asm-pkce-unadvertised', `${at}: code_challenge_methods_supported is absent; spec-following clients must refuse this AS.`)];
  if (!scopeList(methods).includes('S256')) return [finding('asm-pkce-no-s256', `${at}: code_challenge_methods_supported is ${JSON.stringify(methods)}.`)];
  return [];
}
