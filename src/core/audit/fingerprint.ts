import { createHash } from 'node:crypto';

/**
 * A finding's identity for baselines and ignore files: rule + file + JSON pointer + a hash of
 * the secret. It survives line moves and reformatting (unlike detect-secrets' line numbers,
 * reference §2.3), changes when the secret changes, and never contains the secret.
 */
export function fingerprintOf(ruleId: string, file: string, pointer: string, secret: string | undefined): string {
  const secretHash = secret === undefined ? '' : createHash('sha256').update(secret).digest('hex');
  return createHash('sha256').update(`mcpauth-audit/v1\0${ruleId}\0${file}\0${pointer}\0${secretHash}`).digest('hex').slice(0, 32);
}
