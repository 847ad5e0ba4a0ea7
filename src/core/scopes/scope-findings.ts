import { findingFrom, type CatalogueEntry, type CatalogueFinding } from '../findings/catalogue.js';

/** Every finding `scopes` can report; stable ids like token inspect's and probe's. */
export const SCOPE_FINDING_IDS = [
  'scope-missing',
  'scope-no-credential',
  'scope-unadvertised',
  'scope-wildcard',
  'scope-all',
  'scope-admin-like',
  'scope-offline-access-advertised',
  'scope-challenge-malformed',
  'scope-tool-unchecked',
] as const;
export type ScopeFindingId = (typeof SCOPE_FINDING_IDS)[number];

export type ScopeFinding = CatalogueFinding<ScopeFindingId>;

export const SCOPE_FINDINGS: Readonly<Record<ScopeFindingId, CatalogueEntry>> = {
  'scope-missing': { severity: 'error', title: 'the credential lacks needed scopes', fix: 'Run the command shown under "Fix".' },
  'scope-no-credential': { severity: 'info', title: 'nothing stored for this server', fix: "Log in first: 'mcpauth login <url>'." },
  'scope-unadvertised': { severity: 'info', title: 'the server advertises no scopes', fix: 'Server side: send scope in the WWW-Authenticate challenge and list scopes_supported in the PRM (MCP 2025-11-25 §Scope Selection).' },
  'scope-wildcard': { severity: 'warning', title: 'wildcard scope', fix: 'Prefer narrow, named scopes; a wildcard grants whatever the server adds later.' },
  'scope-all': { severity: 'warning', title: 'all-powerful scope', fix: 'Ask for the named scopes this use needs instead (least privilege, MCP 2025-11-25 §Scope Selection).' },
  'scope-admin-like': { severity: 'warning', title: 'admin-like scope without an admin use', fix: "Log in again with only what you use: 'mcpauth login <url> --scope \"…\"'." },
  'scope-offline-access-advertised': { severity: 'warning', title: 'offline_access advertised by the resource', fix: 'Server side: offline_access belongs in the AS scopes_supported, not in the challenge or PRM (MCP draft: SHOULD NOT).' },
  'scope-challenge-malformed': { severity: 'warning', title: 'insufficient scope not signalled per RFC 6750', fix: 'Server side: answer 403 with WWW-Authenticate: Bearer error="insufficient_scope", scope="…" (MCP 2025-11-25 §Step-Up).' },
  'scope-tool-unchecked': { severity: 'info', title: 'the tool\'s needs could not be determined', fix: 'Log in first, then run scopes --tool again.' },
};

export function scopeFinding(id: ScopeFindingId, message: string): ScopeFinding {
  return findingFrom(SCOPE_FINDINGS, id, message);
}
