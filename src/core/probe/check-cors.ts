import { finding, type Finding, type ProbeEvidence } from './report.js';

const NEEDED_HEADERS = ['authorization', 'content-type', 'mcp-protocol-version'];

/** Checklist I88-I90: what a browser-based client needs (not an MCP MUST; real interop failures). */
export function checkCors(evidence: ProbeEvidence): Finding[] {
  if (evidence.challenge.challenge?.status !== 401) return [];
  const findings: Finding[] = [];
  const preflight = evidence.preflight;
  if (preflight !== undefined) {
    const status = preflight.attempt.status;
    const allowed = (preflight.allowHeaders ?? '').toLowerCase();
    const missing = allowed.trim() === '*' ? [] : NEEDED_HEADERS.filter((h) => !allowed.includes(h));
    if (status === undefined || status >= 300 || preflight.allowOrigin === undefined || missing.length > 0) {
      const why = preflight.allowOrigin === undefined ? 'no Access-Control-Allow-Origin' : missing.length > 0 ? `Allow-Headers lacks ${missing.join(', ')}` : `status ${status ?? 'none'}`;
      findings.push(finding('cors-preflight-failed', `OPTIONS ${evidence.target} from a browser origin: ${why}.`));
    }
  }
  const cors = evidence.corsChallenge?.challenge?.cors;
  if (cors !== undefined) {
    const exposed = (cors.exposeHeaders ?? '').toLowerCase();
    if (cors.allowOrigin === undefined || !(exposed.includes('www-authenticate') || exposed.trim() === '*')) {
      findings.push(finding('cors-www-authenticate-not-exposed', `The 401 to a browser origin has ${cors.allowOrigin === undefined ? 'no Access-Control-Allow-Origin' : 'no WWW-Authenticate in Access-Control-Expose-Headers'}.`));
    }
  }
  return findings;
}
