import { compareSeverity } from '../findings/severity.js';
import type { TokenDiagnosis } from '../idp/diagnose-token.js';
import { maskSecret } from '../secrets/mask.js';
import type { TokenExpectations } from './check-context.js';
import { describeTimeClaims, type TimeClaim } from './describe-time.js';
import { decodeToken, normalizeTokenInput, type JsonObject } from './decode-token.js';
import { introspectToken, type IntrospectionTarget } from './introspect-token.js';
import { INTROSPECTION_CHECKS, JWT_CHECKS, runChecks } from './run-checks.js';
import { tokenFinding, type TokenFinding } from './token-findings.js';
import { summarizeToken, type TokenSummary } from './token-summary.js';
import { verifySignature, type KeySource, type VerifyDeps } from './verify-signature.js';

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

export interface InspectTokenInput {
  token: string;
  expected: TokenExpectations;
  /** Verify a JWT's signature with these keys; undefined: not verified (and said so). */
  keys?: KeySource | undefined;
  /** Why no keys were found although verification was asked for (reported as token-unverifiable). */
  keysUnavailable?: string | undefined;
  /** Read an opaque token through this introspection endpoint. */
  introspection?: IntrospectionTarget | undefined;
  /** Why introspection is not possible, when it is not (shown in the token-opaque message). */
  introspectionUnavailable?: string | undefined;
  toleranceSeconds?: number;
}

/** The whole answer of `token inspect`: data only. `token` is masked; claims are shown as they are. */
export interface TokenInspection {
  token: string;
  format: 'jwt' | 'opaque' | 'malformed';
  header: JsonObject | null;
  claims: JsonObject | null;
  claimsSource: 'jwt' | 'introspection' | 'none';
  summary: TokenSummary | null;
  /** iat, nbf and exp as instants and relative to `inspectedAt`. */
  times: TimeClaim[];
  verified: boolean;
  /** How the token was or was not verified, one sentence. */
  verification: string;
  /** The injected clock when inspected, in seconds (renderers show relative times against it). */
  inspectedAt: number;
  findings: TokenFinding[];
  /** With --server: the PRM resource, issuer and scopes beside aud, iss and scope, and the IdP's audience fix. */
  diagnosis?: TokenDiagnosis;
}

/** Decodes, verifies and checks a token. Never throws for a bad token: everything wrong is a finding. */
export async function inspectToken(input: InspectTokenInput, deps: VerifyDeps): Promise<TokenInspection> {
  const token = normalizeTokenInput(input.token);
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const base = { token: maskSecret(token), inspectedAt: nowSeconds, toleranceSeconds: input.toleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS };
  const decoded = decodeToken(token);
  if (decoded.format === 'malformed') {
    return finish({ ...base, format: 'malformed', header: null, claims: null, claimsSource: 'none', summary: null, verified: false,
      verification: 'not verified: the token does not decode', findings: [tokenFinding('token-malformed', `The token is malformed: ${decoded.reason}.`)] });
  }
  if (decoded.format === 'opaque') return inspectOpaque(token, decoded.header, decoded.reason, input, deps, base);
  const ctx = { header: decoded.header, claims: decoded.claims, summary: summarizeToken(decoded.header, decoded.claims), nowSeconds, toleranceSeconds: base.toleranceSeconds, expected: input.expected };
  const findings = runChecks(JWT_CHECKS, ctx);
  const signature = await checkSignature(token, input, deps);
  return finish({ ...base, format: 'jwt', header: decoded.header, claims: decoded.claims, claimsSource: 'jwt', summary: ctx.summary,
    verified: signature.verified, verification: signature.verification, findings: [...findings, ...signature.findings] });
}

type Base = { token: string; inspectedAt: number; toleranceSeconds: number };

async function checkSignature(token: string, input: InspectTokenInput, deps: VerifyDeps): Promise<{ verified: boolean; verification: string; findings: TokenFinding[] }> {
  const keys = input.keys;
  if (keys === undefined && input.keysUnavailable !== undefined) {
    return { verified: false, verification: `not verified: ${input.keysUnavailable}`, findings: [tokenFinding('token-unverifiable', `The signature could not be checked: ${input.keysUnavailable}.`)] };
  }
  if (keys === undefined) {
    return { verified: false, verification: 'not verified: no --server or --jwks given', findings: [tokenFinding('token-unverified', 'The signature was not checked: nothing says which keys to trust.')] };
  }
  const result = await verifySignature(token, keys, deps);
  if (result.status === 'valid') return { verified: true, verification: `signature verified with the JWKS from ${keys.origin}`, findings: [] };
  if (result.status === 'invalid') {
    return { verified: false, verification: `signature invalid: ${result.reason}`, findings: [tokenFinding('token-signature-invalid', `The signature does not verify: ${result.reason}.`)] };
  }
  return { verified: false, verification: `not verified: ${result.reason}`, findings: [tokenFinding('token-unverifiable', `The signature could not be checked: ${result.reason}.`)] };
}

async function inspectOpaque(token: string, header: JsonObject | undefined, reason: string, input: InspectTokenInput, deps: VerifyDeps, base: Base): Promise<TokenInspection> {
  const opaque = { ...base, format: 'opaque' as const, header: header ?? null };
  if (input.introspection === undefined) {
    const why = input.introspectionUnavailable ?? 'no --server to introspect at';
    const message = `The token is opaque (${reason}). Without introspection its expiry, audience and scopes cannot be known here (${why}); only the server's answer tells whether it is accepted.`;
    return finish({ ...opaque, claims: null, claimsSource: 'none', summary: null, verified: false, verification: `not verified: ${why}`, findings: [tokenFinding('token-opaque', message)] });
  }
  const outcome = await introspectToken(token, input.introspection, deps.fetch);
  const endpoint = input.introspection.endpoint;
  if (outcome.status === 'failed') {
    const findings = [tokenFinding('token-opaque', `The token is opaque (${reason}).`), tokenFinding('token-unverifiable', `Introspection at ${endpoint} failed: ${outcome.reason}.`)];
    return finish({ ...opaque, claims: null, claimsSource: 'none', summary: null, verified: false, verification: `not verified: introspection failed`, findings });
  }
  const claims = outcome.response;
  const summary = summarizeToken(undefined, claims);
  const opaqueNote = tokenFinding('token-opaque', `The token is opaque (${reason}); its claims come from introspection at ${endpoint}.`);
  if (claims.active !== true) {
    return finish({ ...opaque, claims, claimsSource: 'introspection', summary, verified: false, verification: `introspection at ${endpoint}: inactive`,
      findings: [opaqueNote, tokenFinding('token-inactive', `Introspection at ${endpoint} answered active: false: the authorization server does not accept this token (revoked, expired or unknown).`)] });
  }
  const findings = runChecks(INTROSPECTION_CHECKS, { header: undefined, claims, summary, nowSeconds: base.inspectedAt, toleranceSeconds: base.toleranceSeconds, expected: input.expected });
  return finish({ ...opaque, claims, claimsSource: 'introspection', summary, verified: true, verification: `introspection at ${endpoint}: active`, findings: [opaqueNote, ...findings] });
}

function finish(result: Omit<TokenInspection, 'times'> & { toleranceSeconds?: number }): TokenInspection {
  const { toleranceSeconds: _unused, ...inspection } = result;
  const times = inspection.summary === null ? [] : describeTimeClaims(inspection.summary, inspection.inspectedAt);
  return { ...inspection, times, findings: [...inspection.findings].sort((a, b) => compareSeverity(a.severity, b.severity)) };
}
