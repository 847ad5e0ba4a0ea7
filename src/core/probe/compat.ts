import type { FindingId } from './catalogue.js';
import type { CompatRow, Finding, ProbeEvidence } from './report.js';

type Rule = { client: string; breaks: FindingId[]; degrades: FindingId[]; originFallback?: boolean };

// Which findings break which client generation (mcp-auth-spec.md §4 and §6; peers.md pain points 3-5).
const RULES: Rule[] = [
  { client: '2025-03-26 clients', breaks: [], degrades: [] },
  { client: '2025-06-18 clients', breaks: ['challenge-no-resource-metadata', 'asm-oidc-only'], degrades: [] },
  { client: '2025-11-25 strict (exact resource/issuer)', breaks: ['prm-resource-near-match', 'asm-pkce-unadvertised'], degrades: [] },
  // The TS and Python SDK v1 clients (and mcp-remote) fall back to 2025-03-26 discovery at the MCP
  // origin when there is no PRM (mcp-auth-spec.md §6 "No PRM"); mcpauth login does the same.
  { client: '2025-11-25 lenient (TS/Python SDK v1)', breaks: [], degrades: ['prm-resource-near-match', 'asm-pkce-unadvertised'], originFallback: true },
  { client: '2026-07-28 clients', breaks: ['prm-resource-near-match', 'asm-pkce-unadvertised'], degrades: ['asm-no-iss-parameter', 'asm-no-registration'] },
  { client: 'browser-based clients', breaks: ['cors-preflight-failed', 'cors-www-authenticate-not-exposed'], degrades: [] },
];

/**
 * Errors that hurt every generation without stopping a first login: a 500 for an invalid token means
 * a client cannot tell "log in again" from "server down", so only stale-token recovery breaks.
 */
const DEGRADE_EVERYWHERE: readonly FindingId[] = ['server-invalid-token-status'];

/** What a client that falls back to the MCP origin no longer sees as fatal when that fallback exists. */
const CURED_BY_ORIGIN_FALLBACK: readonly FindingId[] = ['prm-not-found', 'challenge-no-resource-metadata'];

/** `--compat`: which client generations will work with this server, and why not. */
export function assessCompat(evidence: ProbeEvidence, findings: Finding[]): CompatRow[] {
  const ids = new Set<FindingId>(findings.map((f) => f.id));
  const fatal = findings.filter((f) => f.severity === 'error' && !f.id.startsWith('cors-') && !f.id.startsWith('token-'));
  const legacyOnly = ids.has('legacy-2025-03-26');
  return RULES.map((rule) => {
    if (rule.client.startsWith('2025-03-26')) return legacyRow(rule.client, evidence, legacyOnly);
    const cured = rule.originFallback === true && legacyOnly ? CURED_BY_ORIGIN_FALLBACK : [];
    const degradesHere = [...rule.degrades, ...DEGRADE_EVERYWHERE, ...(cured.length > 0 ? (['legacy-2025-03-26'] as FindingId[]) : [])];
    // Errors break every client, except those this generation is known to tolerate or work around.
    const fatalHere = fatal.map((f) => f.id).filter((id) => !degradesHere.includes(id) && !cured.includes(id));
    const breaking = [...new Set([...fatalHere, ...rule.breaks.filter((id) => ids.has(id) && !cured.includes(id))])];
    if (breaking.length > 0) return { client: rule.client, verdict: 'fails', reason: breaking.join(', ') };
    const degrading = degradesHere.filter((id) => ids.has(id));
    if (degrading.length > 0) return { client: rule.client, verdict: 'degraded', reason: reasonFor(degrading) };
    return { client: rule.client, verdict: 'works', reason: 'no blocking finding' };
  });
}

function reasonFor(ids: FindingId[]): string {
  return ids
    .map((id) => {
      if (id === 'server-invalid-token-status') return `${id} (first login works; a stale token gets 500, not 401, so recovery breaks)`;
      if (id === 'legacy-2025-03-26') return `${id} (falls back to the AS metadata at the MCP origin)`;
      return id;
    })
    .join(', ');
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
