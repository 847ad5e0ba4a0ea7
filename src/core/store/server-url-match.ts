/**
 * Matching a URL the user typed against stored credentials. The stored `resource` is kept exactly as
 * discovered (mcp-auth-spec.md §2.3: `new URL()` adds a slash to a bare origin), so comparison
 * normalises both sides instead: scheme and host case, default port, fragment, one trailing slash.
 */
export function canonicalServerUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    // RFC 8707 §2: a resource has no fragment.
    url.hash = '';
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.origin}${path}${url.search}`;
  } catch {
    return undefined;
  }
}

/** True when `typed` names the same MCP server as either the stored server URL or resource. */
export function matchesServer(typed: string, stored: { serverUrl: string; resource: string }): boolean {
  const wanted = canonicalServerUrl(typed);
  if (wanted === undefined) return false;
  return wanted === canonicalServerUrl(stored.serverUrl) || wanted === canonicalServerUrl(stored.resource);
}
