import type { Severity } from '../findings/severity.js';
import { TOKEN_FORMATS } from './detect-tokens.js';
import type { AuditCategory } from './finding.js';

/** One rule: what `--list-rules`, the human output and SARIF's `rules[]` say about it. */
export interface AuditRule {
  id: string;
  category: AuditCategory;
  severity: Severity;
  title: string;
  help: string;
}

const ROTATE = 'Remove the literal, rotate the credential (it is in git history now: `mcpauth rotate --config <file>`), and reference it with the env syntax your client expands.';

function secret(id: string, title: string, severity: Severity = 'error', help = ROTATE): AuditRule {
  return { id, category: 'secret', severity, title, help };
}

const SHAPE_RULES: readonly AuditRule[] = [
  secret('aws-secret-access-key', 'AWS secret access key'),
  secret('datadog-api-key', 'Datadog API or application key'),
  secret('notion-legacy-token', 'Notion integration token (legacy secret_ format)'),
  secret('deepseek-api-key', 'DeepSeek API key'),
  secret('twilio-auth-token', 'Twilio auth token'),
  secret('jwt', 'JSON Web Token (a bearer credential)'),
  secret('supabase-service-role-key', 'Supabase service_role key (bypasses row-level security)'),
  { id: 'supabase-anon-key', category: 'hygiene', severity: 'info', title: 'Supabase anon key (public by design)', help: 'Anon keys are meant for browsers; nothing to rotate. Keep the service_role key out of configs.' },
  secret('private-key', 'PEM private key'),
  secret('bearer-literal', 'Literal bearer token after an Authorization scheme'),
  secret('basic-auth-header', 'Literal Basic credentials in an Authorization header'),
  secret('url-credentials', 'Password in a URL or connection string (DSN)'),
  secret('url-query-secret', 'Credential in a URL query parameter or fragment'),
  secret('url-path-secret', 'Random credential-like segment in a server URL path', 'warning'),
  secret('password-literal', 'Literal password under a password key'),
  secret('generic-secret', 'High-entropy value under a secret-like key'),
];

const SETTING_RULES: readonly AuditRule[] = [
  { id: 'gemini-trust', category: 'insecure-setting', severity: 'warning', title: 'Gemini CLI "trust": true bypasses every tool-call confirmation', help: 'Remove "trust": true (or set it to false) so Gemini CLI asks before each tool call.' },
  { id: 'auto-approve', category: 'insecure-setting', severity: 'warning', title: 'Tools auto-approved', help: 'Empty the list, or keep only read-only tools in it; every listed tool runs without asking.' },
  { id: 'claude-enable-all-project-servers', category: 'insecure-setting', severity: 'warning', title: 'Claude Code "enableAllProjectMcpServers" in committed settings', help: 'Remove it from .claude/settings.json: it approves every server in the repository\'s .mcp.json, including ones added later, without per-server consent. Use enabledMcpjsonServers with named servers, or settings.local.json.' },
  { id: 'input-without-password', category: 'insecure-setting', severity: 'warning', title: 'VS Code promptString input for a secret without "password": true', help: 'Add "password": true to the input so the typed secret is masked.' },
  { id: 'insecure-http-url', category: 'insecure-setting', severity: 'warning', title: 'Remote MCP server over plain http to a non-loopback host', help: 'Use https: over http the bearer token travels in clear text.' },
  { id: 'token-in-url', category: 'insecure-setting', severity: 'warning', title: 'Credential passed in a URL query string', help: 'Send the credential in a header (Authorization or the vendor\'s key header): URLs end up in logs, proxies and browser history.' },
  { id: 'plaintext-token-store', category: 'insecure-setting', severity: 'warning', title: 'OAuth tokens stored in a plain file', help: 'Anyone who can read this file can act as you until the refresh token is revoked. Log out of that tool (or delete the file) and prefer a client that keeps tokens in the OS keychain; mcpauth login does.' },
  { id: 'file-readable-by-others', category: 'insecure-setting', severity: 'warning', title: 'File with credentials is readable by other users', help: 'chmod 600 the file (other accounts on this machine can read it now).' },
  { id: 'mcp-remote-vulnerable', category: 'insecure-setting', severity: 'error', title: 'mcp-remote below 0.1.16 (CVE-2025-6514, command injection via a malicious server)', help: 'Pin mcp-remote@0.1.16 or later.' },
];

const HYGIENE_RULES: readonly AuditRule[] = [
  { id: 'reference-not-expanded', category: 'hygiene', severity: 'warning', title: 'Variable reference in a syntax this client does not expand', help: 'Use the syntax the client expands (shown in the fix); otherwise the text is sent literally and users "fix" it by pasting the secret.' },
  { id: 'placeholder-value', category: 'hygiene', severity: 'info', title: 'Placeholder where a secret belongs', help: 'Replace the placeholder with a reference to an environment variable or input.' },
  { id: 'unpinned-server', category: 'hygiene', severity: 'info', title: 'MCP server package not pinned to a version', help: 'Pin the package (pkg@1.2.3) so a new publish cannot change what runs with your credentials.' },
  { id: 'local-default-credentials', category: 'hygiene', severity: 'info', title: 'Well-known default password for a local (loopback) database', help: 'A local development default, not a leak; make sure the same password is not used anywhere reachable.' },
  { id: 'parse-error', category: 'hygiene', severity: 'warning', title: 'Config file does not parse', help: 'Fix the syntax: the client will refuse or misread this file.' },
  { id: 'file-unparsed', category: 'hygiene', severity: 'warning', title: 'Config file not scanned field by field', help: 'The file could not be parsed safely (the reason is in the message); only the raw-text pass for prefixed tokens covered it. Fix or simplify the file.' },
];

function formatRule(format: (typeof TOKEN_FORMATS)[number]): AuditRule {
  const severity = format.severity ?? 'error';
  const help = severity === 'info' ? `${format.note ?? 'Not a full secret'}; check it is the key you meant to publish.` : ROTATE;
  if (format.publicByDesign) return { id: format.id, category: 'hygiene', severity, title: format.title, help };
  return secret(format.id, format.title, severity, help);
}

export const AUDIT_RULES: readonly AuditRule[] = [...TOKEN_FORMATS.map(formatRule), ...SHAPE_RULES, ...SETTING_RULES, ...HYGIENE_RULES];

const BY_ID = new Map(AUDIT_RULES.map((rule) => [rule.id, rule]));

export function getRule(id: string): AuditRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown audit rule ${id}`);
  return rule;
}
