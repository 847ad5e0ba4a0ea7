import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import type { SecretSite } from './secret-site.js';

const SERVER_MAPS = new Set(['mcpServers', 'servers', 'context_servers', 'mcp', 'mcp_servers', 'extensions']);
const URL_FIELDS = ['url', 'serverUrl', 'httpUrl', 'uri'];

/** The URLs of the remote servers whose secrets moved: candidates for `mcpauth login` instead. */
export function remoteServerUrls(file: string, text: string, sites: readonly SecretSite[]): string[] {
  let document: unknown;
  try {
    document = /\.toml$/i.test(file) ? parseToml(text) : parseJsonc(text, [], { allowTrailingComma: true });
  } catch {
    return [];
  }
  const urls = new Set<string>();
  for (const site of sites) {
    let at = site.jsonPath.findIndex((segment) => typeof segment === 'string' && SERVER_MAPS.has(segment));
    if (at >= 0 && site.jsonPath[at + 1] === 'servers') at += 1;
    if (at < 0) continue;
    let server: unknown = document;
    for (const step of site.jsonPath.slice(0, at + 2)) server = server !== null && typeof server === 'object' ? (server as Record<string | number, unknown>)[step] : undefined;
    const url = URL_FIELDS.map((field) => (server as Record<string, unknown> | undefined)?.[field]).find((value) => typeof value === 'string');
    // A URL that itself still holds the secret (?apiKey=) is not probed: it would send the secret.
    if (typeof url === 'string' && /^https?:\/\//.test(url) && !url.includes(site.secret)) urls.add(url);
  }
  return [...urls];
}
