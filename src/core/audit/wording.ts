import type { McpClient } from '../clients/client.js';
import { revocationPageFor } from '../rotate/config/revocation-pages.js';
import { canRewriteAt } from '../clients/reference-syntax.js';
import type { AuditRule } from './rules.js';
import type { ValueSite } from './value-site.js';
import { formatCommand } from '../../output/shell-quote.js';

/** Where a value sits, in the words of the config: `env "GITHUB_TOKEN" of server "github"`. */
export function describeSite(site: ValueSite): string {
  const server = site.serverLabel ?? serverName(site);
  const suffix = server === undefined ? '' : ` of server "${server}"`;
  const last = site.path[site.path.length - 1];
  switch (site.role) {
    case 'env':
      return site.server ? `env "${String(last)}"${suffix}` : `"${String(last)}"`;
    case 'header':
      return `header "${String(last)}"${suffix}`;
    case 'arg':
      return `args[${String(last)}]${suffix}`;
    case 'url':
    case 'credential':
    case 'command':
    case 'setting':
    case 'env-name':
      return `"${String(last)}"${suffix}`;
    default:
      return site.path.length > 0 ? `"${site.path.join('.')}"` : 'the file';
  }
}

const SERVER_MAP_KEYS = new Set(['mcpServers', 'servers', 'context_servers', 'mcp_servers', 'extensions', 'mcp', 'amp.mcpServers', 'modelContextProtocolServers']);

function serverName(site: ValueSite): string | undefined {
  if (!site.server) return undefined;
  for (let i = 0; i < site.path.length; i += 1) {
    const part = site.path[i];
    if (typeof part === 'string' && SERVER_MAP_KEYS.has(part)) {
      const key = site.path[i + 1];
      // Continue's list form: servers are array items with a `name`.
      const name = typeof key === 'number' ? site.server.entries.find((e) => e.key === 'name')?.value : undefined;
      return name?.type === 'string' ? name.value : String(key ?? '');
    }
  }
  return undefined;
}

/**
 * The fix for this client: its env-reference syntax, then rotation. `rotate --config` is offered
 * only where it can do the work (a client whose reference syntax the registry knows, a finding at
 * a field it can rewrite); otherwise the fix names where to revoke the credential.
 */
export function fixFor(rule: AuditRule, client: McpClient, file: string, pointer = ''): string {
  if (rule.category !== 'secret' || rule.severity === 'info') return rule.help;
  const page = revocationPageFor(rule.id);
  const revoke = page ? `revoke it at ${page.url} and issue a new one` : 'revoke it with its issuer and issue a new one';
  if (!canRewriteAt(client.writeStyle, pointer)) return `${client.envFix}; ${revoke} (it is in git history)`;
  // The file name comes from the repository: quoted, so pasting the command runs nothing else.
  return `${client.envFix}; ${formatCommand(['mcpauth', 'rotate', '--config', file])} moves it out of the file and shows where to revoke it`;
}
