import { createScanner } from 'jsonc-parser';
import type { AuditFinding } from './finding.js';
import type { LineIndex } from './line-index.js';
import type { FileKind } from './parse-config.js';

// jsonc-parser's SyntaxKind is a const enum (not importable under verbatimModuleSyntax).
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const EOF = 17;

interface Comment {
  start: number;
  end: number;
  rules: string[];
}

// The rule list is required: a bare `mcpauth-ignore` silences nothing (it used to silence everything).
const DIRECTIVE = /mcpauth-ignore[:\s]+([\w-]+(?:\s*,\s*[\w-]+)*)/;

/**
 * `# mcpauth-ignore rule-id[, rule-id]` in a real comment of the file's format (a JSONC `//` or
 * block comment token, a `#` comment outside quotes in YAML, TOML and .env): at the end of the
 * finding's line, after the finding, or alone on the line above. Text inside a string value is
 * never a comment, and strict formats without comments (plain text) cannot carry one.
 */
export function applyInlineIgnores(findings: AuditFinding[], text: string, kind: FileKind, lines: LineIndex): { kept: AuditFinding[]; suppressed: number } {
  if (findings.length === 0 || !text.includes('mcpauth-ignore')) return { kept: findings, suppressed: 0 };
  const comments = (kind === 'json' ? jsonComments(text) : kind === 'text' ? [] : hashComments(text, kind)).filter((c) => c.rules.length > 0);
  if (comments.length === 0) return { kept: findings, suppressed: 0 };
  const kept = findings.filter((finding) => !comments.some((comment) => covers(comment, finding, lines)));
  return { kept, suppressed: findings.length - kept.length };
}

function covers(comment: Comment, finding: AuditFinding, lines: LineIndex): boolean {
  if (!comment.rules.includes(finding.ruleId)) return false;
  const at = lines.position(comment.start);
  const endLine = lines.position(comment.end).line;
  const aloneOnLine = lines.lineText(at.line).slice(0, at.column - 1).trim() === '';
  if (aloneOnLine && finding.line === endLine + 1) return true;
  // A trailing comment covers what comes before it on its own line, not a whole minified file after it.
  return at.line === finding.endLine && at.column >= finding.endColumn;
}

function directive(text: string, start: number, end: number): Comment {
  const match = DIRECTIVE.exec(text.slice(start, end));
  return { start, end, rules: match?.[1]?.split(/\s*,\s*/) ?? [] };
}

function jsonComments(text: string): Comment[] {
  const scanner = createScanner(text, false);
  const comments: Comment[] = [];
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token !== LINE_COMMENT && token !== BLOCK_COMMENT) continue;
    const start = scanner.getTokenOffset();
    comments.push(directive(text, start, start + scanner.getTokenLength()));
  }
  return comments;
}

/**
 * `#` comments of YAML, TOML and .env: outside quotes, and (YAML, .env) after whitespace or at the
 * line start. Quote state carries across lines: a quoted multi-line value may contain a line that
 * starts with `#` and is still text. A quote opens only where a value can start.
 */
function hashComments(text: string, kind: FileKind): Comment[] {
  const comments: Comment[] = [];
  const needsSpace = kind !== 'toml';
  let quote = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s=:[{,]/.test(text[i - 1] ?? ''))) quote = c;
    else if (c === '#' && (!needsSpace || i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      const lineEnd = end < 0 ? text.length : end;
      comments.push(directive(text, i, lineEnd));
      i = lineEnd;
    }
  }
  return comments;
}
