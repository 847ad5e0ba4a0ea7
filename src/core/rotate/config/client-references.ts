/**
 * How each MCP client references an environment value instead of a literal
 * (shared/reference/mcp-client-configs-and-secrets.md §1.1 and §1.3). Only syntaxes a client's docs
 * say it expands: writing `${VAR}` where a client sends it literally would break the server.
 */
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

const STYLES: Readonly<Record<string, ReferenceStyle>> = {
  'claude-code': 'dollar-brace',
  kiro: 'dollar-brace',
  'copilot-cli': 'dollar-brace',
  gemini: 'dollar-brace',
  cursor: 'env-colon',
  windsurf: 'env-colon',
  vscode: 'input',
  'visual-studio': 'input',
  opencode: 'opencode-env',
  codex: 'codex-fields',
};

/** Clients whose docs say they expand nothing in this file: moving the value would break the server. */
const EXPANDS_NOTHING: Readonly<Record<string, string>> = {
  'claude-desktop': 'Claude Desktop expands no variables in claude_desktop_config.json: keep the file out of git, or start the server through a wrapper that reads the secret from the environment.',
  goose: 'goose takes secrets by name in env_keys and reads the value from its keyring: run `goose configure` to store it, then list the name in env_keys.',
};

export function referenceStyleOf(client: string): ReferenceStyle | undefined {
  return STYLES[client];
}

export function whyNotRewritable(client: string): string {
  return EXPANDS_NOTHING[client] ?? `mcpauth does not know which variable syntax ${client} expands; move the value by hand using that client's documented syntax.`;
}

export function referenceText(style: Exclude<ReferenceStyle, 'codex-fields'>, name: string): string {
  switch (style) {
    case 'dollar-brace':
      return `\${${name}}`;
    case 'env-colon':
      return `\${env:${name}}`;
    case 'input':
      return `\${input:${name}}`;
    case 'opencode-env':
      return `{env:${name}}`;
  }
}

/** VS Code input ids are free text; kebab case matches the examples in its docs. */
export function inputIdFor(envName: string): string {
  return envName.toLowerCase().replace(/_/g, '-');
}
