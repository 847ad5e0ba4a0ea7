import type { ClientMetadata } from 'oidc-provider';
import type { SimulatorHooks } from './simulator-hooks.js';

/** Which well-known URLs answer with the AS metadata (the rest answer 404). */
export type MetadataKind =
  /** RFC 8414 §3.1, path inserted: /.well-known/oauth-authorization-server{issuerPath} */
  | 'rfc8414'
  /** OIDC discovery with path insertion: /.well-known/openid-configuration{issuerPath} */
  | 'oidc-inserted'
  /** OIDC Discovery §4, appended: {issuerPath}/.well-known/openid-configuration */
  | 'oidc-appended'
  /** The origin's /.well-known/oauth-authorization-server even though the issuer has a path (wrong, C32) */
  | 'root'
  /** RFC 8414 suffix appended instead of inserted: {issuerPath}/.well-known/oauth-authorization-server */
  | 'rfc8414-appended';

export type MetadataPreset = 'all' | 'rfc8414' | 'oidc-only' | 'oidc-appended-only' | 'root-only-for-path-issuer' | 'none';

export interface AuthServerKnobs {
  /** Issuer with a path, e.g. "/tenant1". Default: none (issuer = origin). */
  issuerPath?: string;
  /** Latency added before every response, in milliseconds (benchmarks). */
  delayMs?: number;
  /** Where metadata is served. Default 'all' = rfc8414 + oidc-inserted + oidc-appended. */
  metadataLocation?: MetadataPreset | MetadataKind[];
  /** Advertised code_challenge_methods_supported; null omits the field. Default ['S256']. Enforcement stays S256. */
  pkceMethods?: string[] | null;
  /** false lets authorization requests without PKCE through. Default true. */
  pkceRequired?: boolean;
  /** Open dynamic client registration (registration_endpoint). Default true. */
  registration?: boolean;
  /** Metadata `issuer` differs from the issuer the document is served for. Tokens keep the real issuer. */
  issuerOverride?: string;
  /** Enables oidc-provider's CIMD feature and so advertises client_id_metadata_document_supported. */
  cimd?: boolean;
  /** true: rotate on every refresh; false: never. Default: oidc-provider's (public clients rotate). */
  rotateRefreshTokens?: boolean;
  /** Issue refresh tokens to clients allowed the grant, without offline_access/prompt=consent. Default true. */
  issueRefreshTokens?: boolean;
  /** Access token lifetime in seconds. Default 600. */
  accessTokenTtl?: number;
  /** 'opaque' issues reference tokens that only introspection can read. Default 'jwt' (RFC 9068 at+jwt). */
  accessTokenFormat?: 'jwt' | 'opaque';
  /** RFC 9207: true advertises and sends iss; false neither; 'unadvertised' sends only; 'wrong' sends a bad value. */
  authorizationResponseIssParameter?: boolean | 'unadvertised' | 'wrong';
  /** RFC 8628 device authorization grant. Default true. */
  deviceFlow?: boolean;
  /** List offline_access in scopes_supported. Default true. */
  offlineAccess?: boolean;
  /** Scopes each registered resource (MCP server) accepts. Default ['mcp:tools', 'mcp:admin']. */
  resourceScopes?: string[];
  /** Also list the resource scopes in the AS scopes_supported (oidc-provider does not, gotcha 5). Default false. */
  advertiseResourceScopes?: boolean;
  /** Issue tokens for any `resource`, not only registered ones. Default false (invalid_target). */
  acceptAnyResource?: boolean;
  /** Extra pre-registered clients, in oidc-provider client metadata form. */
  clients?: ClientMetadata[];
  /** Last word on the metadata document: each key is set, or removed when the value is null. */
  metadataOverrides?: Record<string, unknown>;
  /** The issuer string when it is not origin + issuerPath (Auth0's trailing slash). */
  issuerSuffix?: '/';
  /** IdP simulator behaviour (test/harness/idp/). */
  simulate?: SimulatorHooks;
}

export const METADATA_PRESETS: Record<MetadataPreset, MetadataKind[]> = {
  all: ['rfc8414', 'oidc-inserted', 'oidc-appended'],
  rfc8414: ['rfc8414'],
  'oidc-only': ['oidc-inserted', 'oidc-appended'],
  'oidc-appended-only': ['oidc-appended'],
  'root-only-for-path-issuer': ['root'],
  none: [],
};

export const DEFAULT_RESOURCE_SCOPES = ['mcp:tools', 'mcp:admin'];
export const DEFAULT_ACCESS_TOKEN_TTL = 600;
