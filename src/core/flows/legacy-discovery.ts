import type * as oauth from 'oauth4webapi';
import { compareIssuer, fetchMetadataDocument, legacyMetadataUrl, type DiscoveryDeps, type ProtectedResourceMetadata } from '../discovery/index.js';

/** Where a 2025-03-26 server's authorization server was found. */
export type LegacyDiscoveryKind = 'origin-metadata' | 'default-endpoints';

export interface LegacyDiscovery {
  kind: LegacyDiscoveryKind;
  as: oauth.AuthorizationServer;
  /**
   * What the login uses in place of a PRM: the MCP URL as resource, the origin as its AS. `resource`
   * (RFC 8707) is still sent: the conformance suite's 2025-03-26 scenarios check neither its presence
   * nor its absence, and RFC 6749 §3.1 makes an AS ignore parameters it does not know. The SDK v1
   * client leaves it out without a PRM; an AS that refuses it (invalid_target) is served by --no-resource.
   */
  prm: ProtectedResourceMetadata;
  /** One line for the user, naming the finding `probe` gives for the same server. */
  warning: string;
}

/**
 * MCP 2025-03-26 §2.3 (what the TS and Python SDK v1 clients and mcp-remote still do when a server has
 * no RFC 9728 metadata): the authorization base URL is the MCP URL without its path; its RFC 8414
 * metadata is at `<origin>/.well-known/oauth-authorization-server`, and without metadata the default
 * endpoints `/authorize`, `/token` and `/register` apply (§2.3.3). 2025-06-18 made PRM a MUST, so
 * this is a fallback with a warning, never silent.
 */
export async function discoverLegacy(url: string, deps: DiscoveryDeps): Promise<LegacyDiscovery | { refused: string } | undefined> {
  const origin = new URL(url).origin;
  const prm: ProtectedResourceMetadata = { resource: url, authorization_servers: [origin] };
  const fetched = await fetchMetadataDocument(legacyMetadataUrl(url), '2025-03-26 AS metadata at the MCP origin', deps);
  if (fetched.document !== undefined) {
    const document = fetched.document as unknown as oauth.AuthorizationServer;
    // RFC 8414 §3.3 wants the issuer to be the origin. MCP servers built on the SDKs mirror their AS's
    // metadata here (mcpAuthMetadataRouter), issuer and all; the document comes from the server being
    // dialled, which a 2025-03-26 client trusts with its authorization anyway, so a mirror is used, and said.
    if (typeof document.issuer !== 'string' || document.issuer === '') {
      return { refused: `the 2025-03-26 metadata at ${fetched.attempt.url} has no issuer` };
    }
    const match = compareIssuer(document.issuer, origin);
    const mirror = match.kind === 'exact' || match.kind === 'near' ? '' : ` (a mirror naming issuer ${document.issuer})`;
    const warning = `warning: ${url} publishes no Protected Resource Metadata (probe: legacy-2025-03-26); using the 2025-03-26 fallback: the authorization server metadata at ${fetched.attempt.url}${mirror}.`;
    return { kind: 'origin-metadata', as: document, prm, warning };
  }
  if (fetched.attempt.status !== 404 && fetched.attempt.status !== 410) return undefined;
  // §2.3.3: "MUST use the default endpoint paths"; 2025-03-26 also makes PKCE REQUIRED for every client
  // and server (§2.1.1), which is why S256 is taken as supported here.
  const as: oauth.AuthorizationServer = {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    registration_endpoint: `${origin}/register`,
    code_challenge_methods_supported: ['S256'],
  };
  const warning = `warning: ${url} publishes neither Protected Resource Metadata nor authorization server metadata (probe: prm-not-found); using the 2025-03-26 default endpoints ${origin}/authorize, /token and /register.`;
  return { kind: 'default-endpoints', as, prm, warning };
}
