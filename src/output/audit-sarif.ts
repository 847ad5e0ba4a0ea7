import type { AuditFinding, AuditReport } from '../core/audit/finding.js';
import type { AuditRule } from '../core/audit/rules.js';
import type { Severity } from '../core/findings/severity.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
// GitHub code scanning: security-severity > 9 critical, 7-8.9 high, 4-6.9 medium (reference §4.1).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.5', warning: '5.0', info: '2.0' };

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: every rule with help, relative URIs, 1-based
 * regions, partialFingerprints.primaryLocationLineHash, and never a raw secret (no snippets).
 */
export function renderAuditSarif(report: AuditReport, rules: readonly AuditRule[], version: string): string {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'mcpauth', semanticVersion: version, informationUri: 'https://www.npmjs.com/package/mcpauth', rules: rules.map(sarifRule) } },
        automationDetails: { id: 'mcpauth/audit-config/' },
        // SARIF §3.20.21: what the tool could not do is a notification of the invocation, not a result.
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.skipped.map(skipNotification) }],
        results: report.findings.map((finding) => sarifResult(finding, index.get(finding.ruleId))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function skipNotification(skipped: AuditReport['skipped'][number]): Record<string, unknown> {
  return {
    level: 'warning',
    descriptor: { id: `skipped/${skipped.reason}` },
    message: { text: `Not scanned: ${skipped.reason}${skipped.detail ? ` (${skipped.detail})` : ''}.` },
    locations: [{ physicalLocation: { artifactLocation: { uri: skipped.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' } } }],
  };
}

function sarifRule(rule: AuditRule): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title} (${rule.category}).` },
    help: { text: rule.help, markdown: rule.help },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['security', rule.category], precision: 'high', 'security-severity': SECURITY_SEVERITY[rule.severity] },
  };
}

function sarifResult(finding: AuditFinding, ruleIndex: number | undefined): Record<string, unknown> {
  const text = finding.masked ? `${finding.message} (${finding.masked}).` : `${finding.message}.`;
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: finding.fix ? `${text} Fix: ${finding.fix}` : text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: finding.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: Math.max(finding.endColumn, finding.column + 1) },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `${finding.fingerprint}:1`, 'mcpauthFingerprint/v1': finding.fingerprint },
    ...(finding.commit ? { properties: { commit: finding.commit.commit, author: finding.commit.author, date: finding.commit.date } } : {}),
  };
}
