import type { FindingId } from './catalogue.js';
import type { CompatRow, Finding, ProbeEvidence } from './report.js';

type Rule = { client: string; breaks: FindingId[]; degrades: FindingId[] };

// Which findings break which client generation (mcp-auth-spec.md §4 and §6; peers.md pain points 3-5).
const RULES: Rule[] = [
  { client: '2025-03-26 clients', breaks: [], degrades: [] },
  { client: '2025-06-18 clients', breaks: ['challenge-no-resource-metadata', 'asm-oidc-only'], degrades: [] },
  { client: '2025-11-25 strict (exact resource/issuer)', breaks: ['prm-resource-near-match', 'asm-pkce-unadvertised'], degrades: [] },
  { client: '2025-11-25 lenient (TS/Python SDK v1)', breaks: [], degrades: ['prm-resource-near-match', 'asm-pkce-unadvertised'] },
  { client: '2026-07-28 clients', breaks: ['prm-resource-near-match', 'asm-pkce-unadvertised'], degrades: ['asm-no-iss-parameter', 'asm-no-registration'] },
  { client: 'browser-based clients', breaks: ['cors-preflight-failed', 'cors-www-authenticate-not-exposed'], degrades: [] },
];

/** `--compat`: which client generations will work with this server, and why not. */
export function assessCompat(evidence: ProbeEvidence, findings: Finding[]): CompatRow[] {
  const ids = new Set<FindingId>(findings.map((f) => f.id));
  const fatal = findings.filter((f) => f.severity === 'error' && !f.id.startsWith('cors-') && !f.id.startsWith('token-'));
  const legacyOnly = ids.has('legacy-2025-03-26');
  return RULES.map((rule) => {
    if (rule.client.startsWith('2025-03-26')) return legacyRow(rule.client, evidence, legacyOnly);
    // Errors break every client, except those a lenient generation is known to tolerate.
    const fatalHere = fatal.map((f) => f.id).filter((id) => !rule.degrades.includes(id));
    const breaking = [...new Set([...fatalHere, ...rule.breaks.filter((id) => ids.has(id))])];
    if (breaking.length > 0) return { client: rule.client, verdict: 'fails', reason: breaking.join(', ') };
    const degrading = rule.degrades.filter((id) => ids.has(id));
    if (degrading.length > 0) return { client: rule.client, verdict: 'degraded', reason: degrading.join(', ') };
    return { client: rule.client, verdict: 'works', reason: 'no blocking finding' };
  });
}

function legacyRow(client: string, evidence: ProbeEvidence, legacyOnly: boolean): CompatRow {
  // 2025-03-26 clients ignore PRM and read AS metadata at the MCP origin (2025-03-26 L143-150).
  if (legacyOnly) return { client, verdict: 'works', reason: 'AS metadata at the MCP origin' };
  const origin = new URL(evidence.target).origin;
  const sameOrigin = evidence.servers.some((s) => s.metadata !== undefined && s.issuer.replace(/\/$/, '') === origin);
  return sameOrigin
    ? { client, verdict: 'works', reason: 'the AS shares the MCP origin' }
    : { client, verdict: 'fails', reason: 'no AS metadata at the MCP origin (2025-03-26 clients ignore PRM)' };
}
