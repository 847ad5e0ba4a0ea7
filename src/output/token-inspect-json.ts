import type { TokenInspection } from '../core/token/inspect-token.js';

/** `token inspect --json`: `{ token (masked), format, header, claims, verified, verification, findings }`. */
export function renderTokenInspectJson(result: TokenInspection): string {
  const document = {
    token: result.token,
    format: result.format,
    header: result.header,
    claims: result.claims,
    verified: result.verified,
    verification: result.verification,
    findings: result.findings.map(({ id, severity, message }) => ({ id, severity, message })),
    ...(result.diagnosis === undefined ? {} : { diagnosis: { identityProvider: result.diagnosis.idp ?? null, format: result.diagnosis.format, rows: result.diagnosis.rows, fix: result.diagnosis.fix ?? null } }),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
