import type { Severity } from '../findings/severity.js';
import type { ObjectNode, StringNode } from './config-tree.js';

/** What a string value is for, which decides the detectors that apply to it. */
export type FieldRole = 'env' | 'header' | 'arg' | 'url' | 'command' | 'setting' | 'env-name' | 'credential' | 'other';

/** One string value of a config, with where it is and what it means. */
export interface ValueSite {
  path: Array<string | number>;
  /** The key it sits under (env var name, header name); for args, the flag before it. */
  key: string;
  role: FieldRole;
  node: StringNode;
  /** The server entry it belongs to, when inside a server map. */
  server?: ObjectNode;
  /** For args: the argument before this one (`--api-key` in `["--api-key", "…"]`). */
  previousArg?: string;
  /** The server's name as the user wrote it (map key, or a list item's `name`). */
  serverLabel?: string;
}

/**
 * A detector's result. `start`/`length` index into the site's value; `secret` is used only to
 * mask and fingerprint and is dropped before a finding leaves the core.
 */
export interface Hit {
  ruleId: string;
  start: number;
  length: number;
  secret?: string;
  /** Replaces the rule title as the start of the message. */
  detail?: string;
  severity?: Severity;
  /** Lower numbers win when two hits overlap: vendor formats (0) beat shapes (1) beat heuristics (2). */
  priority: number;
}
