/**
 * Fetches an AS metadata document the way a 2025-11-25 client would (RFC 8414 inserted, OIDC inserted, OIDC
 * appended), for the MCP server's own needs: the jwks_uri and the 2025-03-26 metadata mirror.
 */
export async function fetchAsMetadata(issuer: string): Promise<Record<string, unknown>> {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  const candidates = [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const res = await fetch(candidate);
    tried.push(`${candidate} -> ${res.status}`);
    if (res.ok) return (await res.json()) as Record<string, unknown>;
  }
  throw new Error(`no AS metadata for ${issuer}: ${tried.join(', ')}`);
}
