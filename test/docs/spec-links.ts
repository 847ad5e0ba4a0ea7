/**
 * Turns a finding's `spec` citation (src/core/probe/catalogue.ts) into Markdown links, so every rule a
 * finding names points at the section of the spec or RFC it comes from. Unknown documents or section
 * titles throw: the docs test fails rather than printing a citation nobody can follow.
 */

const MCP_SPEC = 'https://modelcontextprotocol.io/specification';

/** MCP documents mcpauth cites, with the section titles it cites (the page anchor is derived from the title). */
const MCP_DOCUMENTS: Record<string, { url: string; sections: readonly string[] }> = {
  'MCP 2025-11-25': {
    url: `${MCP_SPEC}/2025-11-25/basic/authorization`,
    sections: [
      'Protocol Requirements', 'Overview', 'Authorization Server Location',
      'Protected Resource Metadata Discovery Requirements', 'Authorization Server Metadata Discovery',
      'Client Registration Approaches', 'Scope Selection Strategy', 'Resource Parameter Implementation',
      'Canonical Server URI', 'Token Requirements', 'Token Handling', 'Error Handling',
      'Runtime Insufficient Scope Errors', 'Token Audience Binding and Validation', 'Communication Security',
      'Authorization Code Protection', 'Open Redirection',
    ],
  },
  'MCP 2026-07-28': {
    url: `${MCP_SPEC}/2026-07-28/basic/authorization`,
    sections: ['Authorization Response Validation', 'Refresh Tokens'],
  },
  'MCP 2026-07-28 discovery': {
    url: `${MCP_SPEC}/2026-07-28/basic/authorization/authorization-server-discovery`,
    sections: ['Authorization Server Location', 'Authorization Server Metadata Discovery'],
  },
  'MCP 2025-06-18': {
    url: `${MCP_SPEC}/2025-06-18/basic/authorization`,
    sections: ['Overview', 'Authorization Server Location'],
  },
  'MCP 2025-03-26': {
    url: `${MCP_SPEC}/2025-03-26/basic/authorization`,
    sections: ['2.2 Example: authorization code grant', '2.3.3 Fallbacks for Servers without Metadata Discovery'],
  },
  'MCP Security Best Practices': {
    url: 'https://modelcontextprotocol.io/docs/2025-11-25/tutorials/security/security_best_practices',
    sections: ['Server-Side Request Forgery (SSRF)'],
  },
  'Fetch standard': { url: 'https://fetch.spec.whatwg.org/', sections: ['CORS protocol'] },
};

/** Numbered documents: the section number goes into the URL. */
const NUMBERED: Array<{ pattern: RegExp; url: (doc: string, section: string) => string }> = [
  { pattern: /^RFC (\d{4})$/, url: (doc, section) => `https://www.rfc-editor.org/rfc/rfc${doc.slice(4)}#section-${section}` },
  { pattern: /^OAuth 2\.1$/, url: (_doc, section) => `https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-${section}` },
  { pattern: /^OIDC Discovery$/, url: (_doc, section) => `https://openid.net/specs/openid-connect-discovery-1_0.html#rfc.section.${section}` },
];

/** Mintlify's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ +/g, '-');
}

export interface SpecLink {
  text: string;
  url: string;
}

/** One citation (`RFC 9728 §3.3, §6 (note)`) -> its links and the note. */
function linkCitation(citation: string): { links: SpecLink[]; note: string } {
  const at = citation.indexOf(' §');
  if (at < 0) throw new Error(`citation without a section: ${citation}`);
  const doc = citation.slice(0, at);
  const rest = citation.slice(at + 2);
  const mcp = MCP_DOCUMENTS[doc];
  if (mcp) {
    const title = [...mcp.sections].sort((a, b) => b.length - a.length).find((s) => rest.startsWith(s));
    if (!title) throw new Error(`unknown section of ${doc}: ${rest}`);
    return { links: [{ text: `${doc} §${title}`, url: `${mcp.url}#${headingAnchor(title)}` }], note: rest.slice(title.length).trim() };
  }
  const numbered = NUMBERED.find((entry) => entry.pattern.test(doc));
  if (!numbered) throw new Error(`unknown document: ${doc}`);
  const match = /^(\d+(?:\.\d+)*)((?:, §\d+(?:\.\d+)*)*)(.*)$/.exec(rest);
  if (!match) throw new Error(`no section number: ${citation}`);
  const sections = [match[1]!, ...match[2]!.split(', §').filter(Boolean)];
  const links = sections.map((section, i) => ({ text: i === 0 ? `${doc} §${section}` : `§${section}`, url: numbered.url(doc, section) }));
  return { links, note: match[3]!.trim() };
}

/** A whole `spec` field as Markdown; `none (…)` stays text (no rule applies). */
export function specMarkdown(spec: string): string {
  if (spec.startsWith('none')) return spec;
  return spec
    .split('; ')
    .map((citation) => {
      const { links, note } = linkCitation(citation);
      const linked = links.map((link) => `[${link.text}](${link.url})`).join(', ');
      return note ? `${linked} ${note}` : linked;
    })
    .join('; ');
}
