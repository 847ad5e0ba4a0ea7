import type { ParsedConfig } from './config-tree.js';
import { parseDotenv } from './parse-dotenv.js';
import { parseJsonConfig } from './parse-json.js';
import { parseTomlConfig } from './parse-toml.js';
import { parseYamlConfig } from './parse-yaml.js';

export type FileKind = 'json' | 'toml' | 'yaml' | 'dotenv';

/** Which parser a path needs, or undefined when the file is not a candidate at all. */
export function fileKindOf(path: string): FileKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^\.env(?:\..+)?$/.test(base)) return 'dotenv';
  if (/\.jsonc?$/.test(base)) return 'json';
  if (base.endsWith('.toml')) return 'toml';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  return undefined;
}

export function parseConfig(kind: FileKind, text: string): ParsedConfig {
  switch (kind) {
    case 'json':
      return parseJsonConfig(text);
    case 'toml':
      return parseTomlConfig(text);
    case 'yaml':
      return parseYamlConfig(text);
    case 'dotenv':
      return parseDotenv(text);
  }
}

// Root keys that make a file an MCP config (reference §0.1). Files without any of these
// substrings are never parsed: that is what keeps a monorepo scan cheap.
const MCP_MARKERS = /mcpServers|"servers"|servers:|\[servers|context_servers|mcp_servers|"mcp"|mcp:|\[mcp|extensions|enableAllProjectMcpServers/;

/** Paths that are MCP configs by name, so a parse failure there is worth a finding. */
const KNOWN_CONFIG = /(?:^|\/)(?:\.mcp\.json|\.cursor\/mcp\.json|\.vscode\/mcp\.json|\.roo\/mcp\.json|\.kiro\/settings\/mcp\.json|\.amazonq\/(?:mcp|default)\.json|\.gemini\/settings\.json|\.codex\/config\.toml|\.junie\/mcp\/mcp\.json|\.github\/mcp\.json|\.windsurf\/mcp_config\.json|mcp_config\.json|claude_desktop_config\.json|cline_mcp_settings\.json|opencode\.jsonc?|\.continue\/.*\.ya?ml|\.claude\/settings(?:\.local)?\.json)$/i;

export function isKnownConfigPath(path: string): boolean {
  return KNOWN_CONFIG.test(path);
}

export function mayBeConfig(kind: FileKind, path: string, text: string): boolean {
  return kind === 'dotenv' || isKnownConfigPath(path) || MCP_MARKERS.test(text);
}
