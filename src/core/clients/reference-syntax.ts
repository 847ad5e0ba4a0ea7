/**
 * The reference syntaxes MCP clients expand instead of a literal value
 * (shared/reference/mcp-client-configs-and-secrets.md §1.3). Which client expands which is
 * registry data (`McpClient.expands`); the recogniser lives in core/audit/references.ts.
 */
export type ReferenceSyntax =
  | 'dollar-brace'
  | 'dollar-brace-default'
  | 'dollar'
  | 'percent'
  | 'env-colon'
  | 'input'
  | 'file'
  | 'predefined'
  | 'opencode-env'
  | 'continue-secret'
  /** `$(command)`: Crush runs shell substitutions in config values. */
  | 'shell-command';

/**
 * Whether a rewrite in this style can replace the literal at this JSON pointer: Codex reads secrets
 * by name only from `env` (-> env_vars) and `http_headers` (-> env_http_headers / bearer_token_env_var)
 * entries; the other styles can put a reference in any string value.
 */
export function canRewriteAt(style: ReferenceStyle | undefined, pointer: string): boolean {
  if (style === undefined || pointer === '') return false;
  if (style === 'codex-fields') return /^\/mcp_servers\/[^/]+\/(?:env|http_headers)\/[^/]+$/.test(pointer);
  return true;
}

/** The syntax a rewrite writes in place of a literal (rotate --config, setup). */
export type ReferenceStyle =
  /** `${VAR}`: Claude Code, Kiro, Copilot CLI, Gemini CLI. */
  | 'dollar-brace'
  /** `${env:VAR}`: Cursor, Windsurf. */
  | 'env-colon'
  /** `${input:id}` plus an `inputs` entry with password: true: VS Code, Visual Studio. */
  | 'input'
  /** `{env:VAR}`: opencode. */
  | 'opencode-env'
  /** Field-level names: Codex `env_vars`, `bearer_token_env_var`, `env_http_headers`. */
  | 'codex-fields';
