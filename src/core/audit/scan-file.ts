import { maskSecret } from '../secrets/mask.js';
import { detectClient, type DetectedClient } from '../clients/detect-client.js';
import { CLIENTS } from '../clients/registry.js';
import { pointerOf, type ParsedConfig, type TreeNode } from './config-tree.js';
import { detectSettings } from './detect-settings.js';
import { detectValue } from './detect-value.js';
import { extractSites, usesMcpRemote } from './fields.js';
import type { AuditFinding } from './finding.js';
import { fingerprintOf } from './fingerprint.js';
import { applyInlineIgnores } from './inline-ignore.js';
import { createLineIndex, type LineIndex } from './line-index.js';
import { exceedsNesting, MAX_NESTING } from './nesting-depth.js';
import { configPathOf, fileKindOf, isDocumentationFile, isKnownConfigPath, mayBeConfig, parseConfig, type FileKind } from './parse-config.js';
import { rawTextHits } from './raw-text-pass.js';
import { getRule } from './rules.js';
import { describeSite, fixFor } from './wording.js';

export interface FileScan {
  /** False when the file is not an MCP config or .env (not counted as scanned; the raw-text pass still ran). */
  isConfig: boolean;
  findings: AuditFinding[];
  /** Findings dropped by an inline `mcpauth-ignore` comment. */
  inlineSuppressed: number;
}

export interface ScanOptions {
  /** The parser to use when the name says nothing (a file named on the command line). */
  kind?: FileKind;
}

interface Structured {
  isConfig: boolean;
  findings: AuditFinding[];
  /** Secrets the field-aware detectors reported: the raw-text pass does not report them twice. */
  secrets: Set<string>;
  /** Where escaped values with a secret start (a PEM with `\\n` escapes is not the same string in the raw text). */
  escapedStarts: number[];
  client: string;
}

// What a template (.env.example) is for: placeholders and local development defaults.
const EXPECTED_IN_DOCS = new Set(['placeholder-value', 'local-default-credentials']);

/** Scans the text of one file. Pure: no I/O; a file it cannot parse becomes a finding, never a throw. */
export function scanFileText(file: string, text: string, now: Date, options: ScanOptions = {}): FileScan {
  const kind = fileKindOf(file) ?? options.kind ?? 'text';
  const lines = createLineIndex(text);
  const structured = scanStructure(file, kind, text, lines, now);
  const findings = [...structured.findings, ...rawFindings(file, text, lines, structured)];
  const documented = isDocumentationFile(file) ? findings.filter((finding) => !EXPECTED_IN_DOCS.has(finding.ruleId)) : findings;
  const { kept, suppressed } = applyInlineIgnores(documented, text, kind, lines);
  return { isConfig: structured.isConfig, findings: kept, inlineSuppressed: suppressed };
}

function scanStructure(file: string, kind: FileKind, text: string, lines: LineIndex, now: Date): Structured {
  const none: Structured = { isConfig: false, findings: [], secrets: new Set(), escapedStarts: [], client: 'generic' };
  const configPath = configPathOf(file);
  if (!mayBeConfig(kind, configPath, text)) return none;
  if (exceedsNesting(text, kind === 'yaml')) {
    return { ...none, isConfig: true, findings: [unparsed(file, `nesting deeper than ${MAX_NESTING} levels; only the raw-text pass ran`)] };
  }
  try {
    const parsed = parseConfig(kind, text);
    const roots = [parsed.root, ...(parsed.moreRoots ?? [])];
    const detections = roots.map((root) => ({ root, detected: detectClient(configPath, root) }));
    const first = detections.find((d) => d.detected)?.detected;
    if (!first) return isKnownConfigPath(configPath) ? { ...none, isConfig: true, findings: parseProblems(file, parsed, lines, 'generic') } : none;
    const found = { secrets: new Set<string>(), escapedStarts: [] as number[] };
    const findings = [...parseProblems(file, parsed, lines, first.profile.id)];
    for (const { root, detected } of detections) if (root) findings.push(...scanTree(file, root, detected ?? first, lines, now, found));
    return { isConfig: true, findings, ...found, client: first.profile.id };
  } catch (error) {
    // Per-file containment: whatever one file does to a parser, the scan of the others goes on.
    const reason = error instanceof RangeError ? 'too deeply nested for the parser' : `the parser failed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`;
    return { ...none, isConfig: true, findings: [unparsed(file, `${reason}; only the raw-text pass ran`)] };
  }
}

export function unparsed(file: string, reason: string): AuditFinding {
  const rule = getRule('file-unparsed');
  return { ruleId: rule.id, category: rule.category, severity: rule.severity, file, line: 1, column: 1, endLine: 1, endColumn: 1,
    message: `${rule.title}: ${reason}`, fingerprint: fingerprintOf(rule.id, file, '', reason), pointer: '', client: 'generic', fix: rule.help };
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

function scanTree(file: string, root: TreeNode, detected: DetectedClient, lines: LineIndex, now: Date, found: Pick<Structured, 'secrets' | 'escapedStarts'>): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const site of extractSites(root, detected)) {
    const context = { client: detected.profile, now, usesMcpRemote: usesMcpRemote(site.server) };
    for (const hit of detectValue(site, context)) {
      const rule = getRule(hit.ruleId);
      const node = site.node;
      const start = node.exact ? node.offset + hit.start : node.offset;
      const end = node.exact ? start + hit.length : start + 1;
      const pointer = pointerOf(site.path);
      if (hit.secret !== undefined) found.secrets.add(hit.secret);
      if (hit.secret !== undefined && !node.exact) found.escapedStarts.push(node.offset);
      findings.push({
        ...located(lines, start, end), ruleId: rule.id, category: rule.category, severity: hit.severity ?? rule.severity, file,
        message: `${hit.detail ?? rule.title} in ${describeSite(site)}`, fingerprint: fingerprintOf(rule.id, file, pointer, hit.secret),
        pointer, client: detected.profile.id, ...(hit.secret === undefined ? {} : { masked: maskSecret(hit.secret) }),
        fix: fixFor(rule, detected.profile, file, pointer),
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

/** The raw-text pass: tokens anywhere in the text (comments too) that no field-aware detector reported. */
function rawFindings(file: string, text: string, lines: LineIndex, structured: Structured): AuditFinding[] {
  const seen = new Set(structured.secrets);
  const client = CLIENTS[structured.client as keyof typeof CLIENTS] ?? CLIENTS.generic;
  const findings: AuditFinding[] = [];
  for (const hit of rawTextHits(text)) {
    if (seen.has(hit.secret) || insideEscapedValue(hit.start, structured.escapedStarts, lines)) continue;
    seen.add(hit.secret);
    const rule = getRule(hit.ruleId);
    findings.push({
      ...located(lines, hit.start, hit.start + hit.length), ruleId: rule.id, category: rule.category, severity: hit.severity ?? rule.severity, file,
      message: `${hit.detail ?? rule.title} in the file's text`, fingerprint: fingerprintOf(rule.id, file, '', hit.secret),
      pointer: '', client: client.id, masked: maskSecret(hit.secret), fix: fixFor(rule, client, file),
    });
  }
  return findings;
}

function insideEscapedValue(start: number, escapedStarts: readonly number[], lines: LineIndex): boolean {
  const line = lines.position(start).line;
  return escapedStarts.some((offset) => offset <= start && lines.position(offset).line === line);
}

function located(lines: LineIndex, start: number, end: number): Pick<AuditFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const from = lines.position(start);
  const to = lines.position(end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}
