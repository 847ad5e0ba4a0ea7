import { findingFrom, type CatalogueEntry, type CatalogueFinding } from '../findings/catalogue.js';

/** Every finding `token inspect` can report. The ids are stable: scripts and docs/token.md rely on them. */
export const TOKEN_FINDING_IDS = [
  'token-malformed',
  'token-opaque',
  'token-expired',
  'token-expiry-tolerated',
  'token-not-yet-valid',
  'token-no-expiry',
  'token-long-lived',
  'token-signature-invalid',
  'token-unverifiable',
  'token-unverified',
  'token-alg-weak',
  'token-audience-mismatch',
  'token-issuer-mismatch',
  'token-scope-missing',
  'token-inactive',
  'token-id-token',
] as const;
export type TokenFindingId = (typeof TOKEN_FINDING_IDS)[number];

export type TokenFinding = CatalogueFinding<TokenFindingId>;

export const TOKEN_FINDINGS: Readonly<Record<TokenFindingId, CatalogueEntry>> = {
  'token-malformed': { severity: 'error', title: 'not a usable bearer token', fix: 'Copy the whole access_token value (no quotes, no "Bearer " prefix, no line breaks).' },
  'token-opaque': { severity: 'info', title: 'opaque (reference) token', fix: 'Only the authorization server can read it: pass --server with client credentials to use introspection (RFC 7662).' },
  'token-expired': { severity: 'error', title: 'expired', fix: "Get a fresh token: 'mcpauth login <url>' (or let mcpauth refresh it)." },
  'token-expiry-tolerated': { severity: 'warning', title: 'past exp, accepted only by the clock tolerance', fix: "Get a fresh token now ('mcpauth token print <url>' refreshes it): a server with a stricter clock already refuses this one." },
  'token-not-yet-valid': { severity: 'error', title: 'not valid yet', fix: 'Check the clocks of this machine and the authorization server (NTP).' },
  'token-no-expiry': { severity: 'warning', title: 'no expiry', fix: 'Configure the authorization server to issue short-lived access tokens with exp (MCP: SHOULD be short-lived).' },
  'token-long-lived': { severity: 'warning', title: 'lives longer than 24 h', fix: 'Shorten the access-token lifetime at the authorization server and rely on refresh tokens.' },
  'token-signature-invalid': { severity: 'error', title: 'signature does not verify', fix: 'The token was altered, or signed by another key or issuer: get a new one from the server\'s own authorization server.' },
  'token-unverifiable': { severity: 'warning', title: 'signature could not be checked', fix: 'Make the issuer\'s jwks_uri reachable, or pass --jwks <url|file> with --issuer.' },
  'token-unverified': { severity: 'info', title: 'signature not checked', fix: 'Pass --server <url> (or --jwks and --issuer) to verify it.' },
  'token-alg-weak': { severity: 'error', title: 'weak or no signature algorithm', fix: 'The authorization server must sign access tokens with an asymmetric algorithm published in its JWKS (e.g. ES256, RS256).' },
  'token-audience-mismatch': { severity: 'error', title: 'issued for another audience', fix: "Log in again for this exact server URL so the token is bound to it: 'mcpauth login <url>' (RFC 8707 resource)." },
  'token-issuer-mismatch': { severity: 'error', title: 'issued by another issuer', fix: 'Use a token from the authorization server the MCP server lists in its protected resource metadata.' },
  'token-scope-missing': { severity: 'error', title: 'lacks needed scopes', fix: "Log in again asking for them: 'mcpauth login <url> --scope \"…\"'." },
  'token-inactive': { severity: 'error', title: 'inactive (introspection)', fix: "The authorization server no longer accepts it (revoked or expired): 'mcpauth login <url>'." },
  'token-id-token': { severity: 'error', title: 'an ID token, not an access token', fix: 'Send the access_token from the token response, not the id_token (OIDC Core §2 vs RFC 9068).' },
};

export function tokenFinding(id: TokenFindingId, message: string): TokenFinding {
  return findingFrom(TOKEN_FINDINGS, id, message);
}
