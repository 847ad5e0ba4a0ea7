import { scopeFinding, type ScopeFinding } from './scope-findings.js';

const ALL_LIKE = /^(all|\*|full|full[_-]?access|everything|root)$/i;
const ADMIN_LIKE = /(^|[:._/-])(admin|administrator|superuser|sudo|owner|manage)([:._/-]|$)/i;

/** Where a scope was seen, for messages: "held", "the 401 challenge", "the PRM scopes_supported". */
export interface ScopeSighting {
  where: string;
  scopes: readonly string[];
}

/** Wildcards and all-powerful scopes wherever they appear (least privilege, MCP 2025-11-25 §Scope Selection). */
export function flagBroadScopes(sightings: readonly ScopeSighting[]): ScopeFinding[] {
  const findings: ScopeFinding[] = [];
  for (const { where, scopes } of sightings) {
    const all = scopes.filter((s) => ALL_LIKE.test(s));
    const wild = scopes.filter((s) => s.includes('*') && !ALL_LIKE.test(s));
    if (all.length > 0) findings.push(scopeFinding('scope-all', `${capitalize(where)} includes ${quote(all)}, a scope that grants everything.`));
    if (wild.length > 0) findings.push(scopeFinding('scope-wildcard', `${capitalize(where)} includes the wildcard ${quote(wild)}.`));
  }
  return findings;
}

/**
 * Admin-like scopes that the use at hand does not need: held without being needed, or demanded by the
 * server's first challenge (basic use should not need admin rights).
 */
export function flagAdminScopes(held: readonly string[], needed: readonly string[], challenge: readonly string[] | undefined): ScopeFinding[] {
  const findings: ScopeFinding[] = [];
  const unneeded = held.filter((s) => ADMIN_LIKE.test(s) && !needed.includes(s));
  if (unneeded.length > 0) findings.push(scopeFinding('scope-admin-like', `The credential holds ${quote(unneeded)} although this use does not need it.`));
  const basic = (challenge ?? []).filter((s) => ADMIN_LIKE.test(s));
  if (basic.length > 0) findings.push(scopeFinding('scope-admin-like', `The server's 401 challenge asks every client for ${quote(basic)} at first contact.`));
  return findings;
}

/** MCP draft [D-index L299-313]: servers SHOULD NOT put offline_access in the challenge or PRM scopes_supported. */
export function flagOfflineAccess(challenge: readonly string[] | undefined, prm: readonly string[] | undefined): ScopeFinding[] {
  const places = [
    ...(challenge?.includes('offline_access') ? ["the 401 challenge's scope"] : []),
    ...(prm?.includes('offline_access') ? ['the PRM scopes_supported'] : []),
  ];
  if (places.length === 0) return [];
  return [scopeFinding('scope-offline-access-advertised', `offline_access appears in ${places.join(' and ')}; it is the authorization server's to offer.`)];
}

function quote(scopes: readonly string[]): string {
  return scopes.map((s) => `"${s}"`).join(', ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
