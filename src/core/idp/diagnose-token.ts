import { decodeToken } from '../token/decode-token.js';
import { expectedIssuerForToken } from './issuer-relaxation.js';
import { IDP_QUIRKS, type IdpQuirkId } from './quirks.js';
import { IDP_PROVIDERS, type IdpId } from './providers.js';
import { recognizeIdp, type RecognizedIdp } from './recognize-idp.js';

/** One line of the side-by-side: what the server expects against what the token carries. */
export interface DiagnosisRow {
  what: 'audience' | 'issuer' | 'scope';
  /** The PRM resource, the AS issuer, or the scopes the server asks for. */
  expected: string;
  /** aud, iss, scope/scp of the token ('(none)' when absent, '(unreadable)' for opaque tokens). */
  actual: string;
  agrees: boolean | undefined;
}

/**
 * idp-quirks.md §17#3 / §18.8: "401 right after a successful login" is nearly always an audience that
 * the IdP did not bind. The token's claims beside the PRM, and the IdP's own audience fix.
 */
export interface TokenDiagnosis {
  format: 'jwt' | 'jwe' | 'opaque';
  rows: DiagnosisRow[];
  idp: RecognizedIdp | undefined;
  /** The IdP-specific fix when the audience disagrees (or cannot be read), with its sources. */
  fix: { quirk: IdpQuirkId; text: string; sources: string[] } | undefined;
}

export interface DiagnoseInput {
  token: string;
  /** PRM `resource`. */
  resource: string | undefined;
  /** The AS issuer (metadata `issuer`). */
  issuer: string | undefined;
  /** Scopes the challenge or PRM asks for. */
  scopes?: readonly string[] | undefined;
  /** Known AS metadata, when the caller has it (recognition then also uses endpoints and fields). */
  metadata?: Record<string, unknown> | undefined;
  idp?: RecognizedIdp | undefined;
}

/** Which catalogue row holds each IdP's audience fix (§17#3 "IdP-specific audience fix"). */
const AUDIENCE_FIX: Partial<Record<IdpId, IdpQuirkId>> = {
  auth0: 'auth0-resource-ignored',
  keycloak: 'keycloak-audience-mapper',
  okta: 'okta-audience-per-as',
  cognito: 'cognito-no-aud',
  entra: 'entra-guid-audience',
  clerk: 'clerk-no-aud',
  ory: 'ory-resource-ignored',
};

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
const shown = (values: string[]): string => (values.length === 0 ? '(none)' : values.join(' '));

/** Post-login token fingerprints (§16 "Token fingerprint" column) for when only the issuer is known. */
function idpFromClaims(claims: Record<string, unknown>, token: string): IdpId | undefined {
  if (/^gh[oupr]_/.test(token)) return 'github';
  if (claims.ver === '2.0' && typeof claims.tid === 'string') return 'entra';
  if (claims.token_use === 'access' && claims.aud === undefined) return 'cognito';
  return undefined;
}

export function diagnoseToken(input: DiagnoseInput): TokenDiagnosis {
  const decoded = decodeToken(input.token);
  const format = decoded.format === 'jwt' ? 'jwt' : input.token.split('.').length === 5 ? 'jwe' : 'opaque';
  const claims = decoded.format === 'jwt' ? decoded.claims : undefined;
  let idp = input.idp ?? (input.issuer === undefined ? undefined : recognizeIdp({ issuer: input.issuer, metadata: input.metadata }));
  const byClaims = idpFromClaims(claims ?? {}, input.token);
  if (idp === undefined && byClaims !== undefined) idp = { id: byClaims, name: IDP_PROVIDERS[byClaims].name, confidence: 'medium', evidence: ['token claims'] };
  const unreadable = '(unreadable: not a JWT)';
  const rows: DiagnosisRow[] = [];
  if (input.resource !== undefined) {
    const aud = list(claims?.aud);
    rows.push({ what: 'audience', expected: input.resource, actual: claims ? shown(aud) : unreadable, agrees: claims ? aud.includes(input.resource) : undefined });
  }
  if (input.issuer !== undefined) {
    const iss = typeof claims?.iss === 'string' ? claims.iss : undefined;
    const expected = claims ? expectedIssuerForToken(input.issuer, claims) : input.issuer;
    rows.push({ what: 'issuer', expected, actual: claims ? (iss ?? '(none)') : unreadable, agrees: claims ? iss === expected : undefined });
  }
  if (input.scopes !== undefined && input.scopes.length > 0) {
    const granted = claims ? [...list(claims.scope).flatMap((s) => s.split(' ')), ...list(claims.scp).flatMap((s) => s.split(' '))].filter(Boolean) : [];
    const short = (s: string): string => s.slice(s.lastIndexOf('/') + 1);
    const has = (s: string): boolean => granted.includes(s) || granted.includes(short(s));
    rows.push({ what: 'scope', expected: input.scopes.join(' '), actual: claims ? shown(granted) : unreadable, agrees: claims ? input.scopes.every(has) : undefined });
  }
  const audienceRow = rows.find((r) => r.what === 'audience');
  const quirk = idp === undefined ? undefined : AUDIENCE_FIX[idp.id];
  const fix = quirk !== undefined && audienceRow !== undefined && audienceRow.agrees !== true
    ? { quirk, text: IDP_QUIRKS[quirk].fix, sources: [...IDP_QUIRKS[quirk].sources] }
    : undefined;
  return { format, rows, idp, fix };
}

/** The diagnosis as plain lines (for an error hint or a report section). */
export function describeDiagnosis(diagnosis: TokenDiagnosis): string[] {
  const label = { audience: 'PRM resource vs aud', issuer: 'AS issuer vs iss', scope: 'needed scope vs scope' } as const;
  const mark = (agrees: boolean | undefined): string => (agrees === undefined ? '?' : agrees ? 'ok' : 'MISMATCH');
  const lines = diagnosis.rows.map((r) => `${label[r.what].padEnd(22)} ${mark(r.agrees).padEnd(8)} ${r.expected}  |  ${r.actual}`);
  if (diagnosis.format !== 'jwt') lines.push(`the access token is ${diagnosis.format === 'jwe' ? 'an encrypted JWT (JWE)' : 'opaque'}, so the server can only check it with its issuer's help`);
  if (diagnosis.fix !== undefined) lines.push(`${diagnosis.idp?.name ?? 'IdP'} fix: ${diagnosis.fix.text} (see ${diagnosis.fix.sources[0] ?? ''})`);
  return lines;
}
