import type { Severity } from '../findings/severity.js';

/** What a finding is about; the three buckets, also used to group SARIF tags. */
export type AuditCategory = 'secret' | 'insecure-setting' | 'hygiene';

/** Where a committed version came from, for --git-history findings. */
export interface CommitInfo {
  commit: string;
  author: string;
  date: string;
}

/**
 * One audit finding. It never holds the secret itself: only `masked` (see maskSecret) and a
 * fingerprint derived from a hash of it.
 */
export interface AuditFinding {
  ruleId: string;
  category: AuditCategory;
  severity: Severity;
  /** Repository-relative path with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, UTF-16 code units (SARIF's default columnKind). */
  column: number;
  endLine: number;
  /** 1-based column after the last character (SARIF convention). */
  endColumn: number;
  message: string;
  fingerprint: string;
  /** JSON pointer of the value inside the config (`/mcpServers/github/env/TOKEN`). */
  pointer: string;
  /** The client the file belongs to (claude-code, vscode, codex, dotenv, ...). */
  client: string;
  masked?: string;
  /** How to fix it for this client. */
  fix?: string;
  commit?: CommitInfo;
}

/**
 * Why a file or folder that should have been scanned was not. Every one is named in every
 * output format (human on stderr, --json, SARIF notifications), and --fail-on-skipped fails on them.
 */
export type SkipReason =
  | 'too-large'
  | 'not-a-regular-file'
  | 'unreadable'
  | 'unreadable-directory'
  | 'symlink-outside-root'
  | 'symlink-loop'
  | 'broken-symlink'
  | 'symlinked-directory';

export interface SkippedFile {
  file: string;
  reason: SkipReason;
  /** One sentence for humans: the size and the cap, the link target, the error code. */
  detail?: string;
  bytes?: number;
}

/** Folders left out on purpose (node_modules, .git, --exclude): listed, never a failure. */
export interface ExcludedPath {
  path: string;
  reason: 'always-excluded' | 'exclude-option';
}

export interface AuditReport {
  findings: AuditFinding[];
  /** MCP configs and .env files parsed and scanned field by field. */
  filesScanned: number;
  /** Every candidate file read (the raw-text pass covers all of them). */
  filesRead: number;
  skipped: SkippedFile[];
  excluded: ExcludedPath[];
  /** Findings hidden by the baseline, the ignore file or inline comments. */
  suppressed: number;
  /** `--user`: every MCP file found on this machine and the client it belongs to, findings or not. */
  located?: Array<{ file: string; client: string; kind: 'config' | 'token-store' }>;
}
