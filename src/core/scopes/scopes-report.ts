import { compareSeverity } from '../findings/severity.js';
import { idpScopeNotes } from '../idp/scope-notes.js';
import type { ServerContext } from '../token/server-context.js';
import type { HeldScopes } from './held-scopes.js';
import type { ToolProbe } from './probe-tool.js';
import { scopeFinding, type ScopeFinding } from './scope-findings.js';
import { flagAdminScopes, flagBroadScopes, flagOfflineAccess } from './suspicious-scopes.js';

/** `scopes <url>`: offered, held and needed side by side, the difference, and the command that closes it. */
export interface ScopesReport {
  url: string;
  offered: { challenge: string[] | undefined; prm: string[] | undefined; as: string[] | undefined };
  held: HeldScopes;
  /** 'unknown': the tool ran with the held scopes, and a server never says which of them a call needed. */
  needed: { scopes: string[]; source: 'tool' | 'challenge' | 'none' | 'unknown'; tool: ToolProbe | undefined };
  missing: string[];
  /**
   * Commands that fix `missing`, best first, as argv arrays (output/shell-quote.ts quotes them);
   * empty when nothing is missing. A scope that is not an RFC 6749 §3.3 scope-token is never offered.
   */
  fixes: string[][];
  notes: string[];
  findings: ScopeFinding[];
}

export function buildScopesReport(server: ServerContext, held: HeldScopes, tool: ToolProbe | undefined): ScopesReport {
  const offered = { challenge: server.challengeScope, prm: server.prmScopes, as: stringArray(server.as?.scopes_supported) };
  const needed = neededScopes(server, tool);
  const missing = held.source === 'none' ? [] : needed.scopes.filter((s) => !held.scopes.includes(s));
  const findings: ScopeFinding[] = [
    ...credentialFindings(held, missing, needed.source),
    ...toolFindings(tool, held),
    ...(offered.challenge === undefined && offered.prm === undefined ? [scopeFinding('scope-unadvertised', 'Neither the 401 challenge nor the PRM names a scope: a client cannot know what to ask for.')] : []),
    ...flagBroadScopes([{ where: 'the credential', scopes: held.scopes }, { where: "the 401 challenge's scope", scopes: offered.challenge ?? [] }, { where: 'the PRM scopes_supported', scopes: offered.prm ?? [] }]),
    // Advice to drop a held scope needs to know what the use needs; after a successful tool call it is unknown.
    ...flagAdminScopes(needed.source === 'unknown' ? [] : held.scopes, needed.scopes, offered.challenge),
    ...flagOfflineAccess(offered.challenge, offered.prm),
  ];
  return {
    url: server.mcpUrl,
    offered,
    held,
    needed,
    missing,
    fixes: fixCommands(server.mcpUrl, held, needed, missing),
    notes: [
      ...server.notes,
      ...unsafeScopeNotes([...held.scopes, ...needed.scopes]),
      ...idpScopeNotes({ issuer: server.as?.issuer ?? server.issuer, metadata: server.as as Record<string, unknown> | undefined, offered: offered.challenge ?? offered.prm ?? [] }),
    ],
    findings: findings.sort((a, b) => compareSeverity(a.severity, b.severity)),
  };
}

function neededScopes(server: ServerContext, tool: ToolProbe | undefined): ScopesReport['needed'] {
  const toolScopes = tool !== undefined && (tool.outcome === 'insufficient-scope' || tool.outcome === 'unauthorized') ? tool.scopes : undefined;
  // MCP 2025-11-25 §Scope Challenge Handling: the challenge's scopes are authoritative for the request.
  if (toolScopes !== undefined) return { scopes: toolScopes, source: 'tool', tool };
  if (tool?.outcome === 'authorized') return { scopes: [], source: 'unknown', tool };
  if (server.challengeScope !== undefined) return { scopes: server.challengeScope, source: 'challenge', tool };
  return { scopes: [], source: 'none', tool };
}

function credentialFindings(held: HeldScopes, missing: string[], source: ScopesReport['needed']['source']): ScopeFinding[] {
  if (held.source === 'none') return [scopeFinding('scope-no-credential', 'No credential is stored for this server, so there is nothing to compare.')];
  if (missing.length === 0) return [];
  const by = source === 'tool' ? "the tool's 403 challenge" : "the server's 401 challenge";
  return [scopeFinding('scope-missing', `The credential lacks ${missing.map((s) => `"${s}"`).join(', ')}, needed by ${by}.`)];
}

function toolFindings(tool: ToolProbe | undefined, held: HeldScopes): ScopeFinding[] {
  if (tool === undefined) return [];
  if (tool.outcome === 'authorized') {
    const scopes = held.scopes.length > 0 ? held.scopes.join(' ') : 'no scope';
    return [scopeFinding('scope-tool-unchecked', `${tool.tool} ran with the held scopes (${scopes}): the server accepted the call and does not say which of them it needed, so the tool's needs are unknown and no scope is advised to drop.`)];
  }
  if (held.source === 'none' && tool.outcome === 'unauthorized') {
    return [scopeFinding('scope-tool-unchecked', `${tool.tool} was called without a token (nothing is stored), so the server only answered ${tool.status}.`)];
  }
  if (tool.outcome === 'failed') return [scopeFinding('scope-tool-unchecked', `Calling ${tool.tool} failed before authorization could be read: ${tool.reason}.`)];
  if (tool.outcome === 'insufficient-scope' && tool.status === 403 && tool.scopes !== undefined) return [];
  if (tool.outcome === 'insufficient-scope') {
    const what = tool.status !== 403 ? `HTTP ${tool.status} instead of 403` : 'no scope parameter';
    return [scopeFinding('scope-challenge-malformed', `${tool.tool}'s insufficient_scope answer has ${what}, so clients cannot step up reliably.`)];
  }
  if (tool.status === 401) return [scopeFinding('scope-tool-unchecked', `${tool.tool} answered 401 (${tool.error ?? 'no error code'}): the token itself is refused, so its scope needs stay unknown. Try 'mcpauth token inspect --server <url>'.`)];
  return [scopeFinding('scope-challenge-malformed', `${tool.tool} answered 403 without error="insufficient_scope" (${tool.error ?? 'no error code'}).`)];
}

function fixCommands(url: string, held: HeldScopes, needed: ScopesReport['needed'], missing: string[]): string[][] {
  const neededScopes = needed.scopes.filter(isScopeToken);
  const wanted = unique([...held.scopes, ...neededScopes].filter(isScopeToken)).join(' ');
  if (held.source === 'none') return [neededScopes.length > 0 ? ['mcpauth', 'login', url, '--scope', neededScopes.join(' ')] : ['mcpauth', 'login', url]];
  if (missing.filter(isScopeToken).length === 0) return [];
  const login = ['mcpauth', 'login', url, '--scope', wanted];
  // Draft SEP-2350: step up with the union of what was granted and what is challenged.
  if (needed.source === 'tool' && needed.tool !== undefined) return [['mcpauth', 'call', url, needed.tool.tool, '--step-up'], login];
  return [login];
}

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). Anything else is never put in a command. */
export function isScopeToken(value: string): boolean {
  return /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value);
}

function unsafeScopeNotes(scopes: readonly string[]): string[] {
  const bad = unique(scopes.filter((scope) => !isScopeToken(scope)));
  return bad.length === 0 ? [] : [`${bad.length} scope value(s) from the server are not RFC 6749 §3.3 scope tokens and are left out of the suggested commands: ${bad.map((s) => JSON.stringify(s)).join(', ')}.`];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}
