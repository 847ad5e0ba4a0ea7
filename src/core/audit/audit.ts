import { compareSeverity } from '../findings/severity.js';
import type { AuditFileSystem } from './audit-fs.js';
import { decodeText } from './decode-text.js';
import type { AuditFinding, AuditReport, CommitInfo, ExcludedPath, SkippedFile } from './finding.js';
import { listHistoryBlobs, listStagedBlobs, readBlob, type GitBlob } from './git-source.js';
import { loadCandidate, tooLarge, type Admit, type LoadResult } from './inspect-path.js';
import type { FileKind } from './parse-config.js';
import { compileExcludes, type PathMatcher } from './path-glob.js';
import { scanFileText, unparsed } from './scan-file.js';
import { applySuppression } from './suppression.js';
import { discoverFiles } from './walker.js';

export type AuditSource = 'worktree' | 'staged' | 'history';

export interface AuditOptions {
  paths: readonly string[];
  cwd: string;
  source: AuditSource;
  gitignore: boolean;
  /** Fingerprints from the baseline and the ignore file. */
  suppressed: ReadonlySet<string>;
  now: Date;
  /** No file or blob larger than this is read (`--max-file-size`). */
  maxFileBytes?: number;
  concurrency?: number;
  /** `--exclude` globs. */
  exclude?: readonly string[];
}

/** Real `~/.claude.json` files reach several MiB (project history); 16 MiB leaves room and bounds memory. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
// Files above this are read one at a time, so several large files never sit in memory together.
const LARGE_FILE_BYTES = 1024 * 1024;

/** One unit of work: a path to read, or a git blob. */
interface Job {
  rel: string;
  kind?: FileKind;
  load(maxBytes: number, admit: Admit): Promise<LoadResult>;
  commit?: CommitInfo;
}

interface ScanState {
  findings: AuditFinding[];
  skipped: SkippedFile[];
  filesScanned: number;
  filesRead: number;
  inline: number;
}

export async function auditConfig(options: AuditOptions, fs: AuditFileSystem): Promise<AuditReport> {
  const exclude = compileExcludes(options.exclude ?? []);
  const { jobs, skipped, excluded } = await listJobs(options, fs, exclude);
  const state: ScanState = { findings: [], skipped, filesScanned: 0, filesRead: 0, inline: 0 };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let next = 0;
  const largeTurn = { chain: Promise.resolve() };
  // Bounded concurrency: a few reads in flight, each file's text dropped once scanned.
  const worker = async (): Promise<void> => {
    const large = largeFileQueue(largeTurn);
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job) await runJob(job, maxBytes, options.now, state, large);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, Math.max(1, jobs.length)) }, worker));
  const unique = options.source === 'history' ? oldestPerFingerprint(state.findings) : state.findings;
  const { kept, dropped } = applySuppression(unique, options.suppressed);
  return {
    findings: sortFindings(kept), filesScanned: state.filesScanned, filesRead: state.filesRead,
    skipped: state.skipped.sort((a, b) => a.file.localeCompare(b.file)), excluded: excluded.sort((a, b) => a.path.localeCompare(b.path)), suppressed: dropped + state.inline,
  };
}

async function listJobs(options: AuditOptions, fs: AuditFileSystem, exclude: PathMatcher): Promise<{ jobs: Job[]; skipped: SkippedFile[]; excluded: ExcludedPath[] }> {
  if (options.source === 'worktree') {
    const found = await discoverFiles(options.paths, options.cwd, fs, { gitignore: options.gitignore, exclude });
    const jobs = found.files.map((file): Job => ({ rel: file.rel, ...(file.named ? { kind: 'text' as const } : {}), load: (max, admit) => loadCandidate(file, fs, max, admit) }));
    return { jobs, skipped: found.skipped, excluded: found.excluded };
  }
  const blobs = options.source === 'staged' ? await listStagedBlobs(options.cwd, fs) : await listHistoryBlobs(options.cwd, fs);
  const excluded = new Map<string, ExcludedPath>();
  const jobs: Job[] = [];
  for (const blob of blobs) {
    if (exclude(blob.rel)) excluded.set(blob.rel, { path: blob.rel, reason: 'exclude-option' });
    else jobs.push(blobJob(blob, options.cwd, fs));
  }
  return { jobs, skipped: [], excluded: [...excluded.values()] };
}

function blobJob(blob: GitBlob, cwd: string, fs: AuditFileSystem): Job {
  const load = async (maxBytes: number, admit: Admit): Promise<LoadResult> => {
    // The size comes from the object database: a blob over the cap is never read.
    if (blob.size === undefined) return { skip: { reason: 'unreadable', detail: 'git reports no such blob' } };
    if (blob.size > maxBytes) return { skip: tooLarge(blob.size, maxBytes) };
    await admit(blob.size);
    const buffer = await readBlob(blob, cwd, fs);
    return buffer.length > maxBytes ? { skip: tooLarge(buffer.length, maxBytes) } : { buffer };
  };
  return { rel: blob.rel, load, ...(blob.commit ? { commit: blob.commit } : {}) };
}


interface LargeFileGate {
  admit: Admit;
  release(): void;
}

/** One large file in memory at a time across all workers of one audit; small files pass straight through. */
function largeFileQueue(largeTurn: { chain: Promise<void> }): LargeFileGate {
  let release = (): void => undefined;
  return {
    admit: async (bytes) => {
      if (bytes <= LARGE_FILE_BYTES) return;
      const previous = largeTurn.chain;
      largeTurn.chain = new Promise<void>((resolve) => (release = resolve));
      await previous;
    },
    release: () => {
      release();
      release = () => undefined;
    },
  };
}

async function runJob(job: Job, maxBytes: number, now: Date, state: ScanState, large: LargeFileGate): Promise<void> {
  try {
    await scanJob(job, maxBytes, now, state, large.admit);
  } finally {
    large.release();
  }
}

async function scanJob(job: Job, maxBytes: number, now: Date, state: ScanState, admit: Admit): Promise<void> {
  let loaded: LoadResult;
  try {
    loaded = await job.load(maxBytes, admit);
  } catch (error) {
    loaded = { skip: { reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message?.split('\n')[0] } };
  }
  if ('missing' in loaded) return;
  if ('skip' in loaded) return void state.skipped.push({ file: job.rel, ...loaded.skip });
  state.filesRead += 1;
  let findings: AuditFinding[];
  try {
    const scan = scanFileText(job.rel, decodeText(loaded.buffer).text, now, job.kind ? { kind: job.kind } : {});
    if (scan.isConfig) state.filesScanned += 1;
    state.inline += scan.inlineSuppressed;
    findings = scan.findings;
  } catch (error) {
    state.filesScanned += 1;
    findings = [unparsed(job.rel, `scanning failed: ${(error as Error).message?.split('\n')[0] ?? String(error)}`)];
  }
  for (const finding of findings) state.findings.push(job.commit ? { ...finding, commit: job.commit } : finding);
}

/** History lists newest first: keep the commit that introduced each finding. */
function oldestPerFingerprint(findings: readonly AuditFinding[]): AuditFinding[] {
  const byFingerprint = new Map<string, AuditFinding>();
  for (const finding of findings) {
    const seen = byFingerprint.get(finding.fingerprint);
    if (!seen || (finding.commit && seen.commit && finding.commit.date < seen.commit.date)) byFingerprint.set(finding.fingerprint, finding);
  }
  return [...byFingerprint.values()];
}

export function sortFindings(findings: AuditFinding[]): AuditFinding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || compareSeverity(a.severity, b.severity) || a.ruleId.localeCompare(b.ruleId));
}
