import { HttpError } from '../http/http-error.js';
import type { DiscoveryAttempt, DiscoveryDeps } from '../discovery/index.js';
import type { PreflightResult } from './report.js';

/** A browser's CORS preflight for the MCP POST (checklist I88); undefined never: failures are in the attempt. */
export async function sendPreflight(target: string, origin: string, deps: DiscoveryDeps): Promise<PreflightResult> {
  const clock = deps.clock ?? (() => performance.now());
  const started = clock();
  const attempt: DiscoveryAttempt = {
    url: target, kind: 'cors-preflight', purpose: 'spec', status: undefined, contentType: undefined,
    outcome: 'unreachable', detail: '', redirects: [], error: undefined, durationMs: 0,
  };
  const headers = {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization,content-type,mcp-protocol-version',
  };
  try {
    const response = await deps.fetch(target, { method: 'OPTIONS', headers, label: 'CORS preflight from a browser origin', maxBodyBytes: 64 * 1024 });
    attempt.status = response.status;
    attempt.outcome = 'http-status';
    const allowOrigin = response.headers.get('access-control-allow-origin') ?? undefined;
    const allowHeaders = response.headers.get('access-control-allow-headers') ?? undefined;
    attempt.detail = `Allow-Origin ${allowOrigin ?? '(none)'}; Allow-Headers ${allowHeaders ?? '(none)'}`;
    return { attempt, allowOrigin, allowHeaders };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    attempt.error = { code: error.code, detailCode: error.detailCode, message: error.message };
    attempt.detail = error.message;
    return { attempt, allowOrigin: undefined, allowHeaders: undefined };
  } finally {
    attempt.durationMs = Math.round(clock() - started);
  }
}
