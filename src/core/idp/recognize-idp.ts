import { IDP_PROVIDERS, type IdpId } from './providers.js';
import { SIGNAL_WEIGHT, SIGNATURES, type MetadataView } from './signatures.js';

/**
 * 'high': a host or a vendor-only metadata field matched (or three shape signals agree);
 * 'medium': two shape signals; 'low': one shape signal (a guess, said as such).
 */
export type IdpConfidence = 'high' | 'medium' | 'low';

export interface RecognizedIdp {
  id: IdpId;
  name: string;
  confidence: IdpConfidence;
  /** Each signal that matched, in the catalogue's order of evidence. */
  evidence: string[];
}

export interface RecognizeInput {
  /** The AS identifier, as the PRM lists it. */
  issuer: string;
  metadata?: Record<string, unknown> | undefined;
}

/**
 * Names the identity provider behind an authorization server from its issuer and metadata
 * (idp-quirks.md §16: "apply the most specific match first"). Undefined when nothing matched.
 */
export function recognizeIdp(input: RecognizeInput): RecognizedIdp | undefined {
  const view: MetadataView = { issuer: input.issuer, metadata: input.metadata };
  const scores = new Map<IdpId, { score: number; evidence: string[] }>();
  for (const signature of SIGNATURES) {
    let matched = false;
    try {
      matched = signature.test(view);
    } catch {
      matched = false; // hostile metadata (odd types) is simply not a match
    }
    if (!matched) continue;
    const entry = scores.get(signature.idp) ?? { score: 0, evidence: [] };
    entry.score += SIGNAL_WEIGHT[signature.kind];
    entry.evidence.push(signature.describe);
    scores.set(signature.idp, entry);
  }
  let best: [IdpId, { score: number; evidence: string[] }] | undefined;
  for (const candidate of scores) if (best === undefined || candidate[1].score > best[1].score) best = candidate;
  if (best === undefined) return undefined;
  const [id, { score, evidence }] = best;
  return { id, name: IDP_PROVIDERS[id].name, confidence: score >= 3 ? 'high' : score === 2 ? 'medium' : 'low', evidence };
}
