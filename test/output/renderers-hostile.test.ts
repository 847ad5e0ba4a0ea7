import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/core/audit/finding.js';
import type { LoginResult } from '../../src/core/flows/login.js';
import type { ProbeReport } from '../../src/core/probe/report.js';
import type { ClientRotationReport } from '../../src/core/rotate/rotate-client.js';
import type { RotationReport } from '../../src/core/rotate/rotation-report.js';
import type { ScopesReport } from '../../src/core/scopes/scopes-report.js';
import type { LogoutOutcome } from '../../src/core/store/logout.js';
import type { StatusReport } from '../../src/core/store/status-report.js';
import type { TokenInspection } from '../../src/core/token/inspect-token.js';
import { renderAuditGithub } from '../../src/output/audit-github.js';
import { renderAuditHuman, renderAuditSkips } from '../../src/output/audit-human.js';
import { renderAuditJson } from '../../src/output/audit-json.js';
import { renderCallHuman, renderCallJson } from '../../src/output/call-result.js';
import { renderLoginHuman } from '../../src/output/login-result.js';
import { renderLogoutHuman } from '../../src/output/logout-human.js';
import { renderProbeHuman } from '../../src/output/probe-human.js';
import { renderProbeJson } from '../../src/output/probe-json.js';
import { renderClientRotationHuman } from '../../src/output/rotate-client-human.js';
import { renderConfigRotationHuman } from '../../src/output/rotate-config-human.js';
import { renderRotateHuman } from '../../src/output/rotate-human.js';
import { renderScopesHuman } from '../../src/output/scopes-human.js';
import { renderStatusHuman } from '../../src/output/status-human.js';
import { plainStyle, type Style } from '../../src/output/style.js';
import { renderTokenInspectHuman } from '../../src/output/token-inspect-human.js';

/** Clear screen, window title, OSC 8 link, OSC 52 clipboard write, 8-bit CSI, bidi override, CR. */
const EVIL = '\x1b[2J\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\x1b]52;c;dG91Y2ggL3RtcC94\x07\u009b31m\u202e\rX';
// Anything a terminal acts on, except the LF that separates lines (ESC is what colours use: none in plainStyle).
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const colour: Style = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => t, red: (t) => t, yellow: (t) => t, green: (t) => t, cyan: (t) => t };

function expectSafe(rendered: string): void {
  // Only our own style codes may carry ESC.
  const output = rendered.replace(/\x1b\[(1|22)m/g, '');
  expect(RAW.test(output), JSON.stringify(output.slice(0, 400))).toBe(false);
  // The hostile value is shown, visibly, not dropped.
  expect(output).toContain('\\x1b]52;c;dG91Y2ggL3RtcC94\\x07');
}

const evilFinding = { id: 'asm-unsafe-url', severity: 'error', message: `issuer ${EVIL}`, spec: 'RFC', fix: 'fix it' } as const;

describe('every human renderer shows server, token, file and git text safely', () => {
  it('probe (trace and findings); JSON stays exact', () => {
    const report: ProbeReport = {
      target: `https://x/${EVIL}`, wire: '2025-11-25', authorizationServer: { issuer: EVIL, provider: { id: 'okta', name: EVIL, confidence: 'high', evidence: [EVIL] } }, compat: [{ client: EVIL, verdict: 'fails', reason: EVIL }],
      steps: [{ n: 1, method: 'GET', url: `https://x/${EVIL}`, kind: EVIL, purpose: 'spec', status: 200, durationMs: 1, outcome: EVIL, detail: EVIL, redirects: [EVIL] }],
      findings: [evilFinding],
    };
    expectSafe(renderProbeHuman(report, plainStyle));
    expect((JSON.parse(renderProbeJson(report)) as { findings: Array<{ message: string }> }).findings[0]?.message).toBe(`issuer ${EVIL}`);
  });

  it('login: subject, scope, client_id, issuer, serverInfo.name', () => {
    const result = {
      credential: { serverUrl: 'https://x/mcp', subject: EVIL, issuer: EVIL, scopes: [EVIL], clientId: EVIL, refreshAvailable: true, accessTokenExpiresAt: undefined },
      hello: { serverInfo: { name: EVIL }, via: EVIL, protocolVersion: '2025-11-25' },
      toolCount: 1, registration: 'dcr', flow: 'code', scope: { source: 'challenge' },
    } as unknown as LoginResult;
    expectSafe(renderLoginHuman({ result, storedIn: EVIL, now: new Date() }, colour));
  });

  it('status: stored sub, scope and issuer', () => {
    const report = {
      store: { home: EVIL, metadataPath: EVIL, secretFilePath: EVIL }, serverUrl: undefined,
      credentials: [{ serverUrl: EVIL, resource: EVIL, issuer: EVIL, clientId: EVIL, subject: EVIL, scopes: [EVIL], accessTokenExpiresAt: undefined, expiresInSeconds: 30, accessToken: 'valid', refreshAvailable: true, usable: true, secretLocation: 'file', secretWhere: EVIL, lastRefreshedAt: undefined }],
    } as unknown as StatusReport;
    expectSafe(renderStatusHuman(report, plainStyle));
    const empty = renderStatusHuman({ ...report, credentials: [], serverUrl: `https://x/${EVIL}` }, plainStyle);
    expect(RAW.test(empty)).toBe(false);
    expect(empty).toMatch(/Log in with: mcpauth login 'https:\/\/x\/\\x1b\[2J/);
  });

  it('token inspect: every claim, the summary and the claims block', () => {
    const inspection = {
      token: 'eyJ…', format: 'jwt', header: { alg: EVIL }, claims: { sub: EVIL, [EVIL]: [EVIL] }, claimsSource: 'jwt',
      summary: { issuer: EVIL, subject: EVIL, clientId: EVIL, audience: [EVIL], scopes: [EVIL], scopeClaim: EVIL, algorithm: EVIL, keyId: EVIL, type: EVIL, binding: { kind: 'other', members: [EVIL] } },
      times: [{ claim: 'exp', at: EVIL, relative: EVIL }], verified: false, verification: EVIL, inspectedAt: 0, findings: [{ ...evilFinding, id: 'token-expired' }],
    } as unknown as TokenInspection;
    expectSafe(renderTokenInspectHuman(inspection, plainStyle));
  });

  it('call: tool names, descriptions and output (lines kept)', () => {
    const tools = [{ name: EVIL, description: EVIL, inputSchema: {} }];
    expectSafe(renderCallHuman({ tools }, plainStyle));
    const output = renderCallHuman({ tools, result: { content: [{ type: 'text', text: `line 1\n${EVIL}` }, { type: EVIL }], isError: true } }, plainStyle);
    expectSafe(output);
    expect(output).toContain('line 1\n');
    expect(renderCallJson({ tools, result: { content: [{ type: 'text', text: EVIL }] } })).toContain(JSON.stringify(EVIL));
  });

  it('scopes: scope names, notes, and no hostile scope in a suggested command', () => {
    const report = {
      url: 'https://x/mcp', offered: { challenge: [EVIL, 'mcp'], prm: [EVIL], as: undefined },
      held: { source: 'token-claim', scopes: [EVIL] }, needed: { scopes: ['mcp', EVIL], source: 'challenge', tool: undefined },
      missing: ['mcp', EVIL], fixes: [['mcpauth', 'login', 'https://x/mcp', '--scope', '$(touch${IFS}pwned) mcp']], notes: [EVIL], findings: [{ ...evilFinding, id: 'scope-missing' }],
    } as unknown as ScopesReport;
    const output = renderScopesHuman(report, plainStyle);
    expectSafe(output);
    expect(output).toContain("$ mcpauth login https://x/mcp --scope '$(touch${IFS}pwned) mcp'");
  });

  it('audit-config human and --format github: file names, server names, git authors', () => {
    const report: AuditReport = {
      findings: [{ ruleId: 'literal-secret', category: 'secret', severity: 'error', file: `a${EVIL}/.mcp.json`, line: 1, column: 1, endLine: 1, endColumn: 2, message: `server ${EVIL}`, fingerprint: 'f', pointer: EVIL, client: EVIL, masked: EVIL, fix: EVIL, commit: { commit: 'abcdef0123456', author: EVIL, date: EVIL } }],
      filesScanned: 1, suppressed: 0, skipped: [{ file: EVIL, reason: EVIL, detail: EVIL }], excluded: [{ path: EVIL, reason: 'exclude-option' }],
    } as unknown as AuditReport;
    expectSafe(renderAuditHuman(report, plainStyle, true));
    expectSafe(renderAuditSkips(report, plainStyle, true));
    const github = renderAuditGithub(report);
    expectSafe(github);
    expect(github.split('\n').filter(Boolean)).toHaveLength(2);
    expect((JSON.parse(renderAuditJson(report)) as { findings: Array<{ file: string }> }).findings[0]?.file).toBe(`a${EVIL}/.mcp.json`);
  });

  it('logout, rotate, rotate --client and rotate --config', () => {
    const rejected = { status: 'rejected', error: EVIL, description: EVIL } as const;
    const logout: LogoutOutcome = { serverUrl: EVIL, resource: EVIL, issuer: EVIL, revocationEndpoint: EVIL, refreshToken: rejected, accessToken: { status: 'failed', message: EVIL }, accessTokenExpiresAt: undefined, deleted: true, secretLocation: 'file', accessTokenJwtExpiresAt: undefined, client: { status: 'forgotten', reason: EVIL } };
    expectSafe(renderLogoutHuman([logout], new Date(), plainStyle));
    const rotation: RotationReport = { result: 'failed', outcomes: [{ serverUrl: EVIL, resource: EVIL, issuer: EVIL, status: 'failed', failure: { code: 'protocol', message: EVIL, hint: EVIL } }, { serverUrl: EVIL, resource: EVIL, issuer: EVIL, status: 'login-needed', loginCommand: EVIL }] };
    expectSafe(renderRotateHuman(rotation, plainStyle));
    const client: ClientRotationReport = { serverUrl: EVIL, issuer: EVIL, status: 'registered-old-kept', oldClientId: EVIL, newClientId: EVIL, reason: EVIL, loginCommand: EVIL };
    expectSafe(renderClientRotationHuman([client], plainStyle));
    const plan = { file: EVIL, client: EVIL, target: 'env', configText: EVIL, changed: true, diff: `--- a\n+++ b\n-${EVIL}\n`, moved: [{ envName: EVIL, ruleId: EVIL }], skipped: [{ reason: 'x', detail: EVIL, jsonPath: EVIL, ruleId: EVIL }], dotenvPath: EVIL, needsIgnoreEntry: true, committed: [{ envName: EVIL, ruleId: EVIL }] };
    const output = renderConfigRotationHuman({ plan, written: false, ignoreEntry: EVIL, oauthServers: [`https://x/${EVIL}`] } as never, plainStyle);
    expectSafe(output);
    expect(output).toContain('+++ b\n');
  });
});
