import type { AuthorizationServerDiscovery, ChallengeResult, DiscoveryAttempt, FetchedDocument, McpWire, ProtectedResourceDiscovery } from '../discovery/index.js';
import type { Severity } from '../findings/severity.js';
import type { ActiveEvidence } from './active.js';
import type { RecognizedIdp } from '../idp/index.js';
import { FINDING_CATALOGUE, findingSources, type FindingId } from './catalogue.js';

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** What was seen, with the URLs and values involved (never a token). */
  message: string;
  spec: string;
  fix: string;
  /** IdP findings only: the catalogue's source links (docs pages, issue threads). */
  sources?: string[];
}

/** One request of the trace, numbered in interpretation (spec) order. */
export interface ProbeStep {
  n: number;
  method: string;
  url: string;
  /** Why it was made: 'challenge', 'path-inserted', 'rfc8414-inserted', 'explain-only', … */
  kind: string;
  purpose: 'spec' | 'explain';
  status: number | undefined;
  durationMs: number;
  outcome: string;
  /** What was learned. */
  detail: string;
  redirects: string[];
}

export interface CompatRow {
  client: string;
  verdict: 'works' | 'fails' | 'degraded';
  reason: string;
}

/** The authorization server clients use (the first listed) and the IdP recognised behind it. */
export interface ProbeAuthorizationServer {
  issuer: string;
  provider: RecognizedIdp | null;
}

export interface ProbeReport {
  target: string;
  wire: McpWire;
  authorizationServer: ProbeAuthorizationServer | null;
  steps: ProbeStep[];
  findings: Finding[];
  compat: CompatRow[] | undefined;
}

/** Everything the requests produced; the checks turn it into findings. */
export interface ProbeEvidence {
  target: string;
  wire: McpWire;
  challenge: ChallengeResult;
  invalidToken: ChallengeResult | undefined;
  prm: ProtectedResourceDiscovery | undefined;
  servers: AuthorizationServerDiscovery[];
  legacy: FetchedDocument | undefined;
  /** The request made with `Origin`, to see what a browser client gets (checklist I90). */
  corsChallenge: ChallengeResult | undefined;
  preflight: PreflightResult | undefined;
  tokenCheck: TokenCheck | undefined;
  /** --active results, one per authorization server with usable metadata. */
  active: ActiveEvidence[];
  incomplete: boolean;
  now: Date;
}

export interface PreflightResult {
  attempt: DiscoveryAttempt;
  allowOrigin: string | undefined;
  allowHeaders: string | undefined;
}

/** The --token check: the server's answer and the token's claims (the token itself is never kept). */
export interface TokenCheck {
  result: ChallengeResult;
  claims: Record<string, unknown> | undefined;
}

export function finding(id: FindingId, message: string, severity?: Severity): Finding {
  const kind = FINDING_CATALOGUE[id];
  const sources = findingSources(id);
  return { id, severity: severity ?? kind.severity, message, spec: kind.spec, fix: kind.fix, ...(sources === undefined ? {} : { sources }) };
}
