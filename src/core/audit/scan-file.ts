import { maskSecret } from '../secrets/mask.js';
import { detectClient, type DetectedClient } from '../clients/detect-client.js';
import { pointerOf, type ParsedConfig, type TreeNode } from './config-tree.js';
import { detectSettings } from './detect-settings.js';
import { detectValue } from './detect-value.js';
import { extractSites, usesMcpRemote } from './fields.js';
import type { AuditFinding } from './finding.js';
import { fingerprintOf } from './fingerprint.js';
import { createLineIndex, type LineIndex } from './line-index.js';
import { fileKindOf, isKnownConfigPath, mayBeConfig, parseConfig } from './parse-config.js';
import { getRule } from './rules.js';
import { describeSite, fixFor } from './wording.js';

export interface FileScan {
  /** False when the file is not an MCP config or .env (not counted as scanned). */
  isConfig: boolean;
  findings: AuditFinding[];
  /** Findings dropped by an inline `mcpauth-ignore` comment. */
  inlineSuppressed: number;
}

const NOT_CONFIG: FileScan = { isConfig: false, findings: [], inlineSuppressed: 0 };

/** Scans the text of one file. Pure: no I/O; never throws on bad input. */
export function scanFileText(file: string, text: string, now: Date): FileScan {
  const kind = fileKindOf(file);
  if (!kind || !mayBeConfig(kind, file, text)) return NOT_CONFIG;
  const parsed = parseConfig(kind, text);
  const lines = createLineIndex(text);
  const detected = detectClient(file, parsed.root);
  if (!detected) return isKnownConfigPath(file) ? withInline(parseProblems(file, parsed, lines, 'generic'), lines) : NOT_CONFIG;
  const findings = [...parseProblems(file, parsed, lines, detected.profile.id)];
  if (parsed.root) findings.push(...scanTree(file, parsed.root, detected, lines, now));
  return withInline(findings, lines);
}

function parseProblems(file: string, parsed: ParsedConfig, lines: LineIndex, client: string): AuditFinding[] {
  const offsets = new Set<number>();
  const unique = parsed.problems.filter((problem) => !offsets.has(problem.offset) && offsets.add(problem.offset));
  return unique.slice(0, 5).map((problem) => {
    const { line, column } = lines.position(problem.offset);
    const rule = getRule('parse-error');
    return { ruleId: rule.id, category: rule.category, severity: rule.severity, file, line, column, endLine: line, endColumn: column + 1,
      message: problem.message, fingerprint: fingerprintOf(rule.id, file, '', problem.message), pointer: '', client };
  });
}

function scanTree(file: string, root: TreeNode, detected: DetectedClient, lines: LineIndex, now: Date): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const site of extractSites(root, detected)) {
    const context = { client: detected.profile, now, usesMcpRemote: usesMcpRemote(site.server) };
    for (const hit of detectValue(site, context)) {
      const rule = getRule(hit.ruleId);
      const node = site.node;
      const start = node.exact ? node.offset + hit.start : node.offset;
      const end = node.exact ? start + hit.length : start + 1;
      const pointer = pointerOf(site.path);
      findings.push({
        ...located(lines, start, end), ruleId: rule.id, category: rule.category, severity: hit.severity ?? rule.severity, file,
        message: `${hit.detail ?? rule.title} in ${describeSite(site)}`, fingerprint: fingerprintOf(rule.id, file, pointer, hit.secret),
        pointer, client: detected.profile.id, ...(hit.secret === undefined ? {} : { masked: maskSecret(hit.secret) }),
        fix: fixFor(rule, detected.profile, file),
      });
    }
  }
  for (const hit of detectSettings(root, detected, file)) {
    const rule = getRule(hit.ruleId);
    const pointer = pointerOf(hit.path);
    const start = hit.node.offset;
    findings.push({
      ...located(lines, start, start + 1), ruleId: rule.id, category: rule.category, severity: rule.severity, file,
      message: hit.detail ? `${rule.title}: ${hit.detail}` : rule.title, fingerprint: fingerprintOf(rule.id, file, pointer, undefined),
      pointer, client: detected.profile.id, fix: rule.help,
    });
  }
  return findings;
}

function located(lines: LineIndex, start: number, end: number): Pick<AuditFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const from = lines.position(start);
  const to = lines.position(end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

const INLINE_IGNORE = /(?:\/\/|#|\/\*)\s*mcpauth-ignore(?:[:\s]+([\w-]+(?:\s*,\s*[\w-]+)*))?/;

/**
 * `// mcpauth-ignore` or `# mcpauth-ignore rule-id` on the line or the line above. Only formats
 * with comments can carry one (JSONC, TOML, YAML, .env); strict JSON needs the ignore file.
 */
function withInline(findings: AuditFinding[], lines: LineIndex): FileScan {
  const kept: AuditFinding[] = [];
  let inlineSuppressed = 0;
  for (const finding of findings) {
    if (isIgnored(finding, lines)) inlineSuppressed += 1;
    else kept.push(finding);
  }
  return { isConfig: true, findings: kept, inlineSuppressed };
}

function isIgnored(finding: AuditFinding, lines: LineIndex): boolean {
  for (const line of [finding.line, finding.line - 1]) {
    const text = lines.lineText(line);
    // A trailing comment covers its own line; only a comment-only line covers the next one.
    if (line !== finding.line && !/^\s*(?:\/\/|#|\/\*)/.test(text)) continue;
    const match = INLINE_IGNORE.exec(text);
    if (!match) continue;
    const rules = match[1]?.split(/\s*,\s*/);
    if (!rules || rules.includes(finding.ruleId)) return true;
  }
  return false;
}
