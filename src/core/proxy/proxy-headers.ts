/** One --header after expansion, or why it was refused. */
export type HeaderParse =
  | { ok: true; name: string; value: string; warning?: string }
  | { ok: false; reason: string };

const SECRETISH_NAME = /(api[-_]?key|token|secret|password|auth)/i;

/**
 * `--header 'Name: value'` as mcp-remote users write it, with `${VAR}` taken from the environment, so
 * the secret stays out of argv (and out of the client's config file, which holds the argv). A literal
 * value under a secret-looking name works but warns; Authorization is refused: the proxy sends the
 * stored credential there.
 */
export function parseProxyHeader(raw: string, env: Readonly<Record<string, string | undefined>>): HeaderParse {
  const colon = raw.indexOf(':');
  const name = colon < 0 ? '' : raw.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { ok: false, reason: `--header ${JSON.stringify(raw)} is not 'Name: value'` };
  if (/^(authorization|mcp-session-id|mcp-protocol-version|host|content-length)$/i.test(name)) {
    return { ok: false, reason: `--header ${name} is set by the proxy itself (the stored credential goes in Authorization)` };
  }
  const template = raw.slice(colon + 1).trim();
  const missing: string[] = [];
  const value = template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, variable: string) => {
    const found = env[variable];
    if (found === undefined) missing.push(variable);
    return found ?? '';
  });
  if (missing.length > 0) return { ok: false, reason: `--header ${name} uses \${${missing.join('}, ${')}}, which is not set in the environment` };
  if (/[\r\n\0]/.test(value)) return { ok: false, reason: `--header ${name} would contain a line break or NUL after expansion` };
  const literal = !template.includes('${');
  const warning = literal && SECRETISH_NAME.test(name) && template.length >= 8
    ? `--header ${name} carries a literal value on the command line (visible in the process list and the client's config); use ${name}: \${VAR} and set VAR in the environment`
    : undefined;
  return warning === undefined ? { ok: true, name, value } : { ok: true, name, value, warning };
}
