/** Where the RFC 9728 Protected Resource Metadata is served. */
export type PrmLocation =
  /** RFC 9728 §3.1 path-inserted: /.well-known/oauth-protected-resource{mcpPath} (the default) */
  | 'path'
  /** The origin's /.well-known/oauth-protected-resource */
  | 'root'
  /** Appended to the endpoint (wrong, B16): {mcpPath}/.well-known/oauth-protected-resource */
  | 'appended'
  | 'none';

export interface ChallengeKnobs {
  /** false omits resource_metadata; a string replaces its URL. */
  resourceMetadata?: false | string;
  /** false omits scope; a string replaces it. */
  scope?: false | string;
  /** false answers without any WWW-Authenticate header. */
  header?: false;
  /** Another auth scheme instead of Bearer (e.g. 'Basic'): the challenge is then `<scheme> realm="mcp"`. */
  scheme?: string;
  /** Status for a request without a token. 200 serves it unauthenticated; 3xx redirects to `location`. */
  status?: number;
  /** false leaves error="invalid_token" out of the no-token challenge (RFC 6750 §3.1 SHOULD NOT include it). */
  error?: false;
  /** Location for a 3xx status. Default: the issuer's /login (an SSO-gateway look-alike). */
  location?: string;
}

export interface PrmKnobs {
  /** Replaces `resource` (default: the exact MCP URL). */
  resource?: string;
  /** Default 'path'. Several locations may be listed. */
  location?: PrmLocation | PrmLocation[];
  /** Replaces `authorization_servers` (default: [issuer]). */
  authorizationServers?: string[];
  /** Replaces `scopes_supported`; null omits it. */
  scopesSupported?: string[] | null;
  /** Each key is set, or removed when null. */
  overrides?: Record<string, unknown>;
  contentType?: string;
  status?: number;
  /** Raw body instead of the JSON document (e.g. HTML or broken JSON). */
  body?: string;
}

export interface IntrospectionConfig {
  endpoint: string;
  clientId: string;
  clientSecret: string;
}

export interface VerifyKnobs {
  /** false: aud is not checked (passthrough risk, G76); a string: the audience the server wrongly expects. */
  audience?: false | string;
  /** Any bearer value is accepted (G73). */
  acceptAny?: boolean;
  /** Verify opaque tokens through RFC 7662 introspection instead of JWT signature checks. */
  introspection?: IntrospectionConfig;
}

export interface McpServerKnobs {
  /** AS issuer: PRM authorization_servers[0] and the expected token `iss`. */
  issuer?: string;
  /** JWKS for token signatures. Default: jwks_uri from the issuer's metadata, fetched on first use. */
  jwksUri?: string;
  /** Default '/mcp'. */
  mcpPath?: string;
  /** Scopes every request needs. Default ['mcp:tools']. */
  requiredScopes?: string[];
  /** Extra scope the admin-reset tool needs. Default 'mcp:admin'. */
  adminScope?: string;
  challenge?: ChallengeKnobs;
  prm?: PrmKnobs;
  verify?: VerifyKnobs;
  /** Status for a presented but invalid/expired token. Default 401 (G74 uses 500/403/400). */
  invalidTokenStatus?: number;
  /** Status for insufficient_scope. Default 403 (G80 uses 401). */
  insufficientScopeStatus?: number;
  /** 2025-03-26 style: mirror the AS metadata at this origin's /.well-known/oauth-authorization-server. */
  legacyMetadataAtOrigin?: boolean;
  /** Latency added before every response, in milliseconds. */
  delayMs?: number;
  /** CORS headers for browser clients. Default true. */
  cors?: boolean;
  /**
   * How the endpoint answers POSTs: 'json' (enableJsonResponse, one application/json body) or 'sse'
   * (text/event-stream, the SDK's default: progress and server requests ride on the stream). Default 'json'.
   */
  responses?: 'json' | 'sse';
  /** Stateful sessions with an event store, as the SDK example runs: SSE answers that start with a priming event. */
  sessions?: boolean;
  /** With sessions: tools close their stream after the priming event and answer on the resumed one (retry = this many ms). */
  closeAfterPrimingMs?: number;
  /** With sessions: the first request of this method finds its session gone (404), as after a server restart. */
  expireSessionOn?: string;
}

export const DEFAULT_REQUIRED_SCOPES = ['mcp:tools'];
export const DEFAULT_ADMIN_SCOPE = 'mcp:admin';
