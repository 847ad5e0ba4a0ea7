import { fetchMetadataDocument, type DiscoveryDeps, type FetchedDocument } from './fetch-document.js';
import type { CandidateUrl } from './well-known-urls.js';

export interface CandidateRunOptions {
  /**
   * true: request every candidate at once and interpret the answers in order (probe: low wall time,
   * same verdict). false (default): one by one, stopping at the first document found, as a client does.
   */
  concurrent?: boolean;
}

/**
 * Fetches spec candidates in order, then the explain-only ones (only when no spec candidate worked,
 * unless concurrent). Results come back in candidate order whatever the timing.
 */
export async function runCandidates(
  candidates: readonly CandidateUrl<string>[],
  labelFor: (candidate: CandidateUrl<string>) => string,
  deps: DiscoveryDeps,
  options: CandidateRunOptions,
): Promise<FetchedDocument[]> {
  if (options.concurrent === true) {
    return Promise.all(candidates.map((candidate) => fetchMetadataDocument(candidate, labelFor(candidate), deps)));
  }
  const results: FetchedDocument[] = [];
  for (const candidate of candidates) {
    const foundBySpec = results.some((r) => r.attempt.purpose === 'spec' && r.document !== undefined);
    if (foundBySpec) break;
    results.push(await fetchMetadataDocument(candidate, labelFor(candidate), deps));
  }
  return results;
}
