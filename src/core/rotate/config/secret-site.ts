/**
 * One literal secret to move out of an MCP config: what audit-config found, reduced to what the
 * rewrite needs. `value` is the whole string at `jsonPath`; `secret` is the literal part of it
 * (for `"Authorization": "Bearer abc"` the secret is `abc`, and the value keeps its `Bearer `).
 */
export interface SecretSite {
  /** The config file, as the user named it (for messages). */
  file: string;
  client: string;
  /** Path of the string inside the document: ['mcpServers', 'github', 'env', 'GITHUB_TOKEN']. */
  jsonPath: Array<string | number>;
  value: string;
  secret: string;
  /** Suggested environment variable name. */
  envName: string;
  ruleId: string;
}

/** A secret and the variable that now holds it: what goes to .env or is printed. */
export interface MovedSecret {
  envName: string;
  secret: string;
  ruleId: string;
  /** For VS Code: the `${input:id}` the client prompts for. */
  inputId?: string;
}

/** A site the rewrite left alone, and why (shown to the user; never contains the secret). */
export interface SkippedSite {
  site: SecretSite;
  reason: 'already-referenced' | 'client-expands-nothing' | 'client-unknown' | 'field-not-rewritable' | 'layout-not-supported';
  detail: string;
}

export interface ConfigRewrite {
  file: string;
  client: string;
  before: string;
  after: string;
  moved: MovedSecret[];
  skipped: SkippedSite[];
}

/** Environment names must be portable shell identifiers (POSIX: upper case, digits, underscore). */
export function toEnvName(...parts: string[]): string {
  const name = parts
    .join('_')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[A-Z_]/.test(name) ? name : `MCP_${name}`;
}

/**
 * The name a site's secret should get: an env map key is already a name (keep it, so the server
 * sees the same variable); otherwise server + field, e.g. GITHUB_AUTHORIZATION -> GITHUB_TOKEN.
 */
export function suggestEnvName(jsonPath: ReadonlyArray<string | number>, serverIndex: number): string {
  const server = String(jsonPath[serverIndex] ?? 'mcp');
  const field = String(jsonPath[serverIndex + 1] ?? 'secret');
  const key = String(jsonPath[serverIndex + 2] ?? '');
  if ((field === 'env' || field === 'environment' || field === 'envs') && key !== '') return toEnvName(key);
  if (/^(authorization|proxy-authorization)$/i.test(key)) return toEnvName(server, 'token');
  if (key !== '' && typeof jsonPath[serverIndex + 2] === 'string') return toEnvName(server, key);
  return toEnvName(server, field === 'args' ? 'api_key' : `${field}_secret`);
}
