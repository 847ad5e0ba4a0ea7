import { compareSeverity } from '../findings/severity.js';
import type { AuditFileSystem } from './audit-fs.js';
import type { AuditFinding, AuditReport, CommitInfo, SkippedFile } from './finding.js';
import { listHistoryBlobs, listStagedBlobs, readBlob, type GitBlob } from './git-source.js';
import { scanFileText } from './scan-file.js';
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
  maxFileBytes?: number;
  concurrency?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

/** One unit of work: a path to read, or a git blob. */
interface Job {
  rel: string;
  read(): Promise<Buffer>;
  size?(): Promise<number>;
  commit?: CommitInfo;
}

export async function auditConfig(options: AuditOptions, fs: AuditFileSystem): Promise<AuditReport> {
  const jobs = await listJobs(options, fs);
  const state = { findings: [] as AuditFinding[], skipped: [] as SkippedFile[], filesScanned: 0, inline: 0 };
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  let next = 0;
  // Bounded concurrency: a few reads in flight, each file's text dropped once scanned.
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job) await runJob(job, maxBytes, options.now, state);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, Math.max(1, jobs.length)) }, worker));
  const unique = options.source === 'history' ? oldestPerFingerprint(state.findings) : state.findings;
  const { kept, dropped } = applySuppression(unique, options.suppressed);
  return { findings: sortFindings(kept), filesScanned: state.filesScanned, skipped: state.skipped.sort((a, b) => a.file.localeCompare(b.file)), suppressed: dropped + state.inline };
}

async function listJobs(options: AuditOptions, fs: AuditFileSystem): Promise<Job[]> {
  if (options.source === 'worktree') {
    const files = await discoverFiles(options.paths, options.cwd, fs, options.gitignore);
    return files.map((file) => ({ rel: file.rel, read: () => fs.readFile(file.abs), size: async () => (await fs.stat(file.abs)).size }));
  }
  const blobs = options.source === 'staged' ? await listStagedBlobs(options.cwd, fs) : await listHistoryBlobs(options.cwd, fs);
  return blobs.map((blob: GitBlob) => ({ rel: blob.rel, read: () => readBlob(blob, options.cwd, fs), commit: blob.commit }));
}

async function runJob(job: Job, maxBytes: number, now: Date, state: { findings: AuditFinding[]; skipped: SkippedFile[]; filesScanned: number; inline: number }): Promise<void> {
  let buffer: Buffer;
  try {
    const size = job.size ? await job.size() : undefined;
    if (size !== undefined && size > maxBytes) return void state.skipped.push({ file: job.rel, reason: 'too-large', bytes: size });
    buffer = await job.read();
  } catch {
    return void state.skipped.push({ file: job.rel, reason: 'unreadable' });
  }
  if (buffer.length > maxBytes) return void state.skipped.push({ file: job.rel, reason: 'too-large', bytes: buffer.length });
  if (buffer.subarray(0, 8000).includes(0)) return void state.skipped.push({ file: job.rel, reason: 'binary' });
  const scan = scanFileText(job.rel, buffer.toString('utf8').replace(/^\uFEFF/, ''), now);
  if (!scan.isConfig) return;
  state.filesScanned += 1;
  state.inline += scan.inlineSuppressed;
  for (const finding of scan.findings) state.findings.push(job.commit ? { ...finding, commit: job.commit } : finding);
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
