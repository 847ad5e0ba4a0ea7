import type { FileLocation } from '../clients/index.js';

/** The file format a client keeps its servers in; each has one comment-keeping editor (apply-entry.ts). */
export type ConfigFormat = 'json' | 'jsonc' | 'toml' | 'yaml';

/** What `setup` writes: a plain remote entry the client authorizes itself, or a stdio entry running `mcpauth proxy`. */
export type SetupEntry =
  | { kind: 'url'; name: string; url: string; clientId?: string; callbackPort: number }
  | { kind: 'proxy'; name: string; url: string; command: string; args: readonly string[] };

/** A client that runs the OAuth flow for a remote server itself. */
export interface NativeOAuth {
  /** The `probe --compat` row whose verdict says whether this client generation works with the server. */
  generation: string;
  /** Whether the client's file has a field for a pre-registered client_id (else: proxy when the AS has no DCR/CIMD). */
  takesClientId: boolean;
  /** The redirect URIs this client sends, to register with an AS that has no DCR/CIMD. */
  redirectUris: (callbackPort: number) => string[];
}

/** Where the entry goes in the file and how it looks, for one client. */
export interface ClientWriter {
  id: string;
  format: ConfigFormat;
  /** Project-scope file relative to the project root (`{name}` = the server name); none when the client has none. */
  projectFile?: string;
  /** User files the registry does not list (checked after the registry's own). */
  extraUserFiles?: readonly FileLocation[];
  /** Key path of the server map in the user and project files (a list for Continue). */
  serverPath: (scope: SetupScope, existing: unknown) => readonly string[];
  /** The map key, or for a list the `name` field's value. */
  shape: 'map' | 'list';
  /** Set when the client runs OAuth itself for a remote url entry. */
  native?: NativeOAuth;
  /** The JSON/TOML/YAML value of the entry. */
  entry: (entry: SetupEntry) => Record<string, unknown>;
  /** A whole new file, when the format needs a header (Continue blocks). */
  newFile?: (scope: SetupScope, entry: SetupEntry) => Record<string, unknown>;
  /** The client's own documentation the shape was written from. */
  docs: readonly string[];
}

export type SetupScope = 'user' | 'project';
