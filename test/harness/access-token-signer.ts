import { SignJWT } from 'jose';
import type { CryptoKey, JWTHeaderParameters, JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';

export interface SigningKey {
  privateKey: CryptoKey;
  kid: string;
}

export interface TokenDefaults {
  issuer: string;
  audience: string | undefined;
  ttlSeconds: number;
}

/**
 * Signs an RFC 9068 access token with the AS's own key, so tests can mint what a real AS would never issue
 * (expired, wrong aud, foreign iss, missing scope). Claims given as undefined are removed from the token.
 */
export async function signWithKey(
  key: SigningKey,
  defaults: TokenDefaults,
  claims: JWTPayload = {},
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    iss: defaults.issuer,
    aud: defaults.audience,
    sub: 'alice',
    client_id: 'harness-public',
    scope: 'mcp:tools',
    iat: now,
    exp: now + defaults.ttlSeconds,
    jti: randomUUID(),
    ...claims,
  };
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined) delete payload[name];
  }
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid, ...header }).sign(key.privateKey);
}
