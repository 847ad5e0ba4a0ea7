import type { ParsedConfig } from './config-tree.js';
import { parseDotenv } from './parse-dotenv.js';
import { parseJsonConfig } from './parse-json.js';
import { parseTomlConfig } from './parse-toml.js';
import { parseYamlConfig } from './parse-yaml.js';

export type FileKind = 'json' | 'toml' | 'yaml' | 'dotenv' | 'text';

// `.env.example`, `.mcp.json.sample`, `mcp.template.json`: documentation, where placeholders belong.
const DOC_WORD = /^(?:example|sample|template|dist|tpl)$/i;

/** True for template and example files: placeholders are expected there (no findings for them). */
export function isDocumentationFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.split('.').some((part) => DOC_WORD.test(part));
}

/** The path a template stands for (`.mcp.json.example` -> `.mcp.json`), so place and kind still apply. */
export function configPathOf(path: string): string {
  return path.replace(/(?:\.(?:example|sample|template|dist|tpl))+$/i, '');
}

/** Which parser a path needs, or undefined when the file is not a candidate at all. */
export function fileKindOf(path: string): FileKind | undefined {
  const full = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const base = configPathOf(full);
  if (/^\.env(?:\..+)?$/.test(full) || base.endsWith('.env') || base === '.envrc') return 'dotenv';
  if (/\.jsonc?$/.test(base)) return 'json';
  if (base.endsWith('.toml')) return 'toml';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  // Token files of package managers: only the raw-text pass applies.
  if (base === '.npmrc' || base === '.pypirc') return 'text';
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
    case 'text':
      return { format: 'dotenv', root: undefined, problems: [] };
  }
}

// Root keys that make a file an MCP config (reference §0.1). Files without any of these
// substrings are never parsed: that is what keeps a monorepo scan cheap.
const MCP_MARKERS = /mcpServers|modelContextProtocolServers|"servers"|servers:|\[servers|context_servers|mcp_servers|"mcp"|mcp:|\[mcp|extensions|enableAllProjectMcpServers|allowedTools|\\u00[0-9a-fA-F]{2}/;

/** Paths that are MCP configs by name, so a parse failure there is worth a finding. */
const KNOWN_CONFIG = /(?:^|\/)(?:\.mcp\.json|\.claude\.json|\.cursor\/mcp\.json|\.vscode\/mcp\.json|\.roo\/mcp\.json|\.kiro\/settings\/mcp\.json|\.amazonq\/(?:mcp|default)\.json|\.gemini\/settings\.json|\.codex\/config\.toml|\.junie\/mcp\/mcp\.json|\.github\/mcp\.json|\.windsurf\/mcp_config\.json|mcp_config\.json|claude_desktop_config\.json|cline_mcp_settings\.json|opencode\.jsonc?|\.continue\/.*\.ya?ml|\.claude\/settings(?:\.local)?\.json)$/i;

export function isKnownConfigPath(path: string): boolean {
  return KNOWN_CONFIG.test(configPathOf(path));
}

export function mayBeConfig(kind: FileKind, path: string, text: string): boolean {
  if (kind === 'text') return false;
  return kind === 'dotenv' || isKnownConfigPath(path) || MCP_MARKERS.test(text);
}
