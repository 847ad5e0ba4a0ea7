import { isQualifiedEntraScope } from './detect-quirks.js';
import { recognizeIdp } from './recognize-idp.js';

export interface ScopeNoteInput {
  issuer: string | undefined;
  metadata: Record<string, unknown> | undefined;
  /** Scopes the challenge or the PRM offers. */
  offered: readonly string[];
}

/** What `scopes` should say about scope selection at this IdP (idp-quirks.md §18.3). */
export function idpScopeNotes(input: ScopeNoteInput): string[] {
  if (input.issuer === undefined) return [];
  const idp = recognizeIdp({ issuer: input.issuer, metadata: input.metadata });
  if (idp === undefined) return [];
  const notes: string[] = [];
  const bare = input.offered.filter((s) => !isQualifiedEntraScope(s));
  if (idp.id === 'entra' && bare.length > 0) {
    // §1 row "scope is mandatory" (claude-code#89438): bare names resolve against Microsoft Graph.
    notes.push(`${idp.name}: ${bare.join(', ')} ${bare.length === 1 ? 'is a bare scope name' : 'are bare scope names'}, which Entra resolves against Microsoft Graph (AADSTS650053); log in with --audience <App ID URI> so mcpauth asks for '<App ID URI>/<scope>'.`);
  }
  if ((idp.id === 'cognito' || idp.id === 'okta') && input.offered.length === 0) {
    // §5 row 5 (openchoreo#3217), §3 row 6 (opencode#28811).
    notes.push(`${idp.name}: the server names no scope; mcpauth asks for 'openid' (never the authorization server's whole scopes_supported, which ${idp.name} app clients often do not allow).`);
  }
  if (idp.id === 'google') notes.push(`${idp.name}: refresh tokens come with access_type=offline, which mcpauth adds (Google has no offline_access scope).`);
  if (idp.id === 'auth0') notes.push(`${idp.name}: API scopes are granted only for the API named by 'audience' (mcpauth sends the server's resource; --audience overrides).`);
  return notes;
}
