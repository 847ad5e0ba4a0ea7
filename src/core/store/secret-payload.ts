import type { CredentialSecrets } from './credential.js';

/** Parses a stored secrets blob; the error names the entry, never its content. */
export function parseSecrets(raw: string | undefined, what: string): CredentialSecrets {
  if (raw === undefined) throw new Error(`${what} are missing`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error(`${what} are not valid JSON`);
  }
  const record = value as Partial<Record<keyof CredentialSecrets, unknown>>;
  if (typeof record !== 'object' || record === null || typeof record.accessToken !== 'string') {
    throw new Error(`${what} have no access token`);
  }
  const optional = (key: 'refreshToken' | 'clientSecret') => (typeof record[key] === 'string' ? record[key] : undefined);
  const secrets: CredentialSecrets = { accessToken: record.accessToken };
  const refreshToken = optional('refreshToken');
  const clientSecret = optional('clientSecret');
  if (refreshToken !== undefined) secrets.refreshToken = refreshToken;
  if (clientSecret !== undefined) secrets.clientSecret = clientSecret;
  return secrets;
}
