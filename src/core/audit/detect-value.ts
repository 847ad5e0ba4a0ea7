import type { McpClient } from '../clients/client.js';
import { detectArgCredentials, detectAuthSchemes, detectCredentialField, detectHeaderValue } from './detect-credentials.js';
import { detectJwts, detectPrivateKeys, detectTokenFormats } from './detect-tokens.js';
import { detectUrls } from './detect-urls.js';
import { detectKeyed } from './keyed-formats.js';
import { findReferences, literalRemainder, REFERENCE_EXAMPLES, type ReferenceMatch } from './references.js';
import { judgeKeyedLiteral } from './secret-keys.js';
import type { Hit, ValueSite } from './value-site.js';

export interface ValueContext {
  client: McpClient;
  now: Date;
  /** The server runs mcp-remote, which expands `${VAR}` in its own --header arguments. */
  usesMcpRemote: boolean;
}

/** Every hit for one string value: references first, then the literal text around them. */
export function detectValue(site: ValueSite, context: ValueContext): Hit[] {
  const value = site.node.value;
  if (site.role === 'env-name') return detectTokenFormats(value).map((hit) => ({ ...hit, detail: 'A token pasted where an environment-variable name belongs' }));
  const references = findReferences(value);
  const hits = referenceHygiene(site, references, context);
  const remainder = literalRemainder(value, references);
  hits.push(...scanText(site, remainder, context, references.length === 0));
  for (const reference of references) {
    if (reference.defaultText === undefined || reference.defaultStart === undefined) continue;
    const offset = reference.defaultStart;
    const inDefault = scanText(site, reference.defaultText, context, true);
    hits.push(...inDefault.map((hit) => ({ ...hit, start: hit.start + offset, detail: hit.detail ?? `Literal default of \${${reference.name}:-…}` })));
  }
  return dedupe(hits);
}

function scanText(site: ValueSite, text: string, context: ValueContext, wholeLiteral: boolean): Hit[] {
  if (text.trim().length === 0) return [];
  const hits = [...detectTokenFormats(text), ...detectJwts(text, context.now), ...detectPrivateKeys(text)];
  if (site.role === 'other') return hits;
  hits.push(...detectAuthSchemes(text), ...detectUrls(text, site.role === 'url' || site.role === 'arg' || site.role === 'command'));
  if (!wholeLiteral) return hits;
  if (site.role === 'arg') hits.push(...detectArgCredentials(site, text));
  if (site.role === 'header') hits.push(...detectHeaderValue(site.key, text));
  if (site.role === 'credential') hits.push(...detectCredentialField(text));
  if (site.role === 'env' || site.role === 'setting') {
    hits.push(...detectKeyed(site.key, text), ...judgeKeyedLiteral(site.key, text, 0));
  }
  return hits;
}

// Shells expand $VAR and %VAR% in commands and args, so those are not hygiene findings there.
const SHELL_SYNTAXES = new Set(['dollar', 'percent']);

function referenceHygiene(site: ValueSite, references: readonly ReferenceMatch[], context: ValueContext): Hit[] {
  const { expands, name } = context.client;
  if (expands === 'unknown') return [];
  const hits: Hit[] = [];
  for (const reference of references) {
    if (expands.includes(reference.syntax)) continue;
    if ((site.role === 'arg' || site.role === 'command') && SHELL_SYNTAXES.has(reference.syntax)) continue;
    if (site.role === 'arg' && context.usesMcpRemote && reference.syntax === 'dollar-brace') continue;
    if (site.role === 'other' && reference.syntax !== 'dollar-brace') continue;
    const detail = `${name} does not expand ${REFERENCE_EXAMPLES[reference.syntax]} here: "${reference.name}" is sent as literal text`;
    hits.push({ ruleId: 'reference-not-expanded', start: reference.start, length: reference.end - reference.start, priority: 4, detail });
  }
  return hits;
}

/** Overlapping secret hits: the most specific one wins (vendor format over shape over heuristic). */
function dedupe(hits: Hit[]): Hit[] {
  const ranked = [...hits].sort((a, b) => a.priority - b.priority || a.start - b.start);
  const kept: Hit[] = [];
  for (const hit of ranked) {
    const contested = hit.priority < 4;
    const overlaps = kept.some((other) => other.priority < 4 && other.start < hit.start + hit.length && hit.start < other.start + other.length);
    if (contested && overlaps) continue;
    if (kept.some((other) => other.ruleId === hit.ruleId && other.start === hit.start)) continue;
    kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}
