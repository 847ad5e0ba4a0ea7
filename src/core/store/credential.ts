/**
 * What the credential store keeps. Metadata is plain data (safe to print, kept in conf's JSON file);
 * secrets live apart, in the OS keychain or a 0600 file, and only `token print` ever shows one.
 * draft/2026-07-28 (SEP-2352): persisted credentials MUST be keyed by the AS `issuer`, so a
 * credential's identity is issuer + resource, never the server URL alone.
 */

/** Where a credential's secrets live. */
export type SecretLocation = 'keychain' | 'file';

/** How the client was registered at the AS (mcp-auth-spec.md §2.5.1). */
export type RegistrationMethod = 'dcr' | 'cimd' | 'pre-registered';

export interface StoredCredential {
  /** `${issuer} ${resource}`: the store key (issuer first: SEP-2352 binds credentials to the AS). */
  id: string;
  /** The MCP server URL as the user typed it at login. */
  serverUrl: string;
  /** The canonical resource sent as RFC 8707 `resource` (usually the PRM `resource`). */
  resource: string;
  /** The AS `issuer` from its validated metadata. */
  issuer: string;
  clientId: string;
  /** RFC 7591 token_endpoint_auth_method: 'none', 'client_secret_basic', 'client_secret_post', … */
  tokenEndpointAuthMethod: string;
  /** Granted scopes (the token response `scope`, else what was requested). */
  scopes: string[];
  /** The `sub` of the access token or id_token, when known. */
  subject?: string;
  /** Token response `token_type`, e.g. 'bearer' or 'dpop'. */
  tokenType: string;
  /** ISO time the access token expires; absent when the AS gave no `expires_in`. */
  accessTokenExpiresAt?: string;
  /** A refresh token is stored (false after the AS rejected it: it is burnt, see refresh.ts). */
  refreshAvailable: boolean;
  tokenEndpoint: string;
  /** RFC 7009 endpoint from the AS metadata, for `logout`. */
  revocationEndpoint?: string;
  /** RFC 7662 endpoint from the AS metadata. */
  introspectionEndpoint?: string;
  registrationMethod?: RegistrationMethod;
  /**
   * The parameters login sent with the token request, replayed on every refresh (idp-quirks.md §1 row
   * "follow-up token request": identical `resource`, or none, and Entra's scope). Absent in credentials
   * stored before it existed: refresh then sends `resource` as always.
   */
  refreshParameters?: Record<string, string>;
  secretLocation: SecretLocation;
  createdAt: string;
  updatedAt: string;
  lastRefreshedAt?: string;
}

export interface CredentialSecrets {
  accessToken: string;
  refreshToken?: string;
  /** Confidential clients: needed again for refresh and revocation. */
  clientSecret?: string;
}

/** What `save` needs: the metadata the caller knows, plus the secrets (the store fills in the rest). */
export type SaveCredentialInput = Omit<StoredCredential, 'id' | 'refreshAvailable' | 'secretLocation' | 'createdAt' | 'updatedAt'> & {
  secrets: CredentialSecrets;
};

/** A client registration, kept per AS issuer (SEP-2352: never reuse a client_id at another AS). */
export interface ClientRegistration {
  issuer: string;
  clientId: string;
  method: RegistrationMethod;
  tokenEndpointAuthMethod: string;
  redirectUris: string[];
  grantTypes?: string[];
  /** RFC 7591 `client_secret_expires_at` (seconds since epoch; 0 = never). */
  clientSecretExpiresAt?: number;
  /** RFC 7592 management URL, when the AS returned one. */
  registrationClientUri?: string;
  registeredAt: string;
  hasClientSecret: boolean;
  secretLocation?: SecretLocation;
}

export interface ClientRegistrationSecrets {
  clientSecret?: string;
  /** RFC 7592 registration_access_token. */
  registrationAccessToken?: string;
}

export interface StoredClientRegistration {
  registration: ClientRegistration;
  secrets: ClientRegistrationSecrets;
}

/** The non-secret document (conf's credentials.json). */
export interface StoreDocument {
  version: 1;
  credentials: Record<string, StoredCredential>;
  /** Keyed by AS issuer. */
  clients: Record<string, ClientRegistration>;
}
