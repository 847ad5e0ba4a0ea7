import { detectPrivateKeys, detectTokenFormats, TOKEN_FORMATS } from './detect-tokens.js';
import type { Hit } from './value-site.js';

// Formats too loose to trust without a field around them (a 32-hex `SK…`, the Azure `Q~` shape).
const FIELD_ONLY = new Set(['twilio-api-key', 'azure-ad-client-secret']);
const RAW_FORMATS = TOKEN_FORMATS.filter((format) => !FIELD_ONLY.has(format.id));
// One pass over the text decides whether any format can match at all: most files have no keyword.
const ANY_KEYWORD = new RegExp([...new Set(RAW_FORMATS.flatMap((format) => format.keywords)), 'private key'].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

/** A hit from the raw pass, located by its offset in the whole text. */
export interface RawHit extends Hit {
  secret: string;
}

/**
 * The raw-text pass: high-confidence prefixed or checksummed token formats and PEM keys over the
 * whole text of a file, comments and unknown formats included (what every regex scanner finds).
 * The caller drops hits whose secret a structured finding already reported.
 */
export function rawTextHits(text: string): RawHit[] {
  if (!ANY_KEYWORD.test(text)) return [];
  const hits = [...detectTokenFormats(text, RAW_FORMATS), ...detectPrivateKeys(text)];
  return hits.filter((hit): hit is RawHit => hit.secret !== undefined);
}
