import type { ClientWriter } from '../setup/client-writer.js';
import type { TreeNode } from '../audit/config-tree.js';
import type { ReferenceStyle, ReferenceSyntax } from './reference-syntax.js';

/** Every MCP client the registry knows, plus three pseudo-clients for files that are not one client's. */
export type ClientId =
  | 'claude-code' | 'claude-settings' | 'claude-desktop' | 'cursor' | 'vscode' | 'visual-studio' | 'windsurf'
  | 'antigravity' | 'zed' | 'continue' | 'cline' | 'roo' | 'codex' | 'gemini' | 'goose' | 'amazon-q' | 'kiro'
  | 'copilot-cli' | 'opencode' | 'junie' | 'crush' | 'amp' | 'generic' | 'dotenv';

export type Platform = 'linux' | 'darwin' | 'win32';

/**
 * The directory a user-level location is relative to:
 * - `home`: ~ (%USERPROFILE% on Windows)
 * - `xdg-config`: $XDG_CONFIG_HOME, else ~/.config (also on Windows, where these tools use %USERPROFILE%\.config)
 * - `app-data`: per-OS application data: ~/Library/Application Support, %APPDATA%, $XDG_CONFIG_HOME
 * - `local-app-data`: %LOCALAPPDATA% on Windows, else as `xdg-config`
 * - `codex-home`: $CODEX_HOME, else ~/.codex
 */
export type LocationBase = 'home' | 'xdg-config' | 'app-data' | 'local-app-data' | 'codex-home';

export interface FileLocation {
  base: LocationBase;
  /** Relative to the base, forward slashes. */
  path: string;
  /** Only on these systems (default: all). */
  platforms?: readonly Platform[];
  /** A folder whose `*.json` / `*.yaml` files are each a config (Continue blocks, Amazon Q agents). */
  folder?: boolean;
}

/** Where a client keeps its servers in a file, and whether that is a name->entry map or a list. */
export interface ServerMap {
  path: readonly string[];
  shape: 'map' | 'list';
}

/** What content-only recognition may look at: the file name, its `$schema`, the parsed root. */
export interface RecogniseFacts {
  base: string;
  schema: string | undefined;
  root: TreeNode;
}

/** Does the client run the OAuth flow for a remote server itself ('yes'), never ('no'), or undocumented. */
export type RemoteOAuth = 'yes' | 'no' | 'unknown';

/**
 * One registry entry: everything mcpauth knows about one client, for detection (audit-config),
 * rewriting (rotate --config) and writing (setup). Adding a client is one entry plus one fixture.
 */
export interface McpClient {
  id: ClientId;
  name: string;
  /** Where the server map sits, in the order the client reads them. Empty for settings-only files. */
  serverMaps: readonly ServerMap[];
  /** Syntaxes the client expands; 'unknown' when its docs say nothing (no hygiene finding then). */
  expands: readonly ReferenceSyntax[] | 'unknown';
  /** The syntax a rewrite should write, when the client expands one. */
  writeStyle?: ReferenceStyle;
  /** Why a literal cannot be moved to a reference for this client (shown by rotate --config). */
  noReferenceNote?: string;
  /** How to reference a secret instead of pasting it, in this client's syntax. */
  envFix: string;
  remoteOAuth: RemoteOAuth;
  /** Repository paths (relative, forward slashes) that are this client's by place. */
  projectFiles: readonly string[];
  /** Files under the user's home / config folders. */
  userFiles: readonly FileLocation[];
  /** Path test that makes a file this client's when one of its server maps is present. */
  place?: RegExp;
  /** Extra condition for recognising the client by content alone (file found anywhere). */
  recognise?: (facts: RecogniseFacts) => boolean;
  /** Where the facts above come from. */
  sources: readonly string[];
  /** How `setup` writes a server entry into this client's file (core/setup/writers-*.ts, each from the client's docs). */
  setup?: ClientWriter;
}
