import { posix, win32 } from 'node:path';
import { resolveLocation, userConfigFiles, type HostFacts } from '../clients/locations.js';
import { TOKEN_STORES } from '../clients/token-stores.js';
import type { AuditFileSystem } from './audit-fs.js';
import { DEFAULT_MAX_FILE_BYTES, sortFindings } from './audit.js';
import { decodeText } from './decode-text.js';
import type { AuditFinding, AuditReport, SkippedFile } from './finding.js';
import { fingerprintOf } from './fingerprint.js';
import { loadCandidate } from './inspect-path.js';
import { fileKindOf } from './parse-config.js';
import { getRule } from './rules.js';
import { scanFileText } from './scan-file.js';
import { applySuppression } from './suppression.js';

export interface UserSetupOptions {
  host: HostFacts;
  suppressed: ReadonlySet<string>;
  now: Date;
  maxFileBytes?: number;
}

interface Target {
  abs: string;
  /** `~/.claude.json`: how the file is named in the report. */
  display: string;
  owner: string;
  kind: 'config' | 'token-store';
}

// A token store last written this long ago holds a refresh token nobody is using: revoke it.
const STALE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `audit-config --user`: this machine's own MCP set-up. Every registry client's user-level files
 * on this OS and the plain-file token stores other tools keep, each read once (never written),
 * reported with the client it belongs to; secrets appear only masked.
 */
export async function auditUserSetup(options: UserSetupOptions, fs: AuditFileSystem): Promise<AuditReport> {
  const skipped: SkippedFile[] = [];
  const targets = await listTargets(options.host, fs, skipped);
  const findings: AuditFinding[] = [];
  const located: NonNullable<AuditReport['located']> = [];
  let filesScanned = 0;
  let inline = 0;
  for (const target of targets) {
    const loaded = await loadCandidate({ abs: target.abs, rel: target.display, root: target.abs, named: true }, fs, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, async () => undefined);
    if ('missing' in loaded) continue;
    if ('skip' in loaded) {
      skipped.push({ file: target.display, ...loaded.skip });
      continue;
    }
    const info = await fs.lstat(await fs.realpath(target.abs));
    const text = decodeText(loaded.buffer).text;
    // Scanned under its real path, so a fix's `rotate --config` names a path a shell can open; reported as `~/…`.
    const scan = scanFileText(target.abs, text, options.now, { kind: fileKindOf(target.abs) ?? 'json' });
    if (target.kind === 'config' && !scan.isConfig && scan.findings.length === 0) continue;
    filesScanned += 1;
    inline += scan.inlineSuppressed;
    const client = scan.findings.find((f) => f.client !== 'generic')?.client ?? target.owner;
    located.push({ file: target.display, client, kind: target.kind });
    const own = scan.findings.map((f) => ({ ...f, file: target.display, client: f.client === 'generic' ? client : f.client }));
    if (target.kind === 'token-store') own.push(...tokenStoreFindings(target, text, info.mtimeMs, options.now));
    const holdsSecrets = own.some((f) => f.category === 'secret' || f.ruleId === 'plaintext-token-store');
    if (holdsSecrets && options.host.platform !== 'win32' && (info.mode & 0o077) !== 0) own.push(modeFinding(target, client, info.mode));
    findings.push(...own);
  }
  const { kept, dropped } = applySuppression(findings, options.suppressed);
  return { findings: sortFindings(kept), filesScanned, filesRead: filesScanned, skipped, excluded: [], suppressed: dropped + inline, located };
}

async function listTargets(host: HostFacts, fs: AuditFileSystem, skipped: SkippedFile[]): Promise<Target[]> {
  const targets: Target[] = [];
  const display = (abs: string) => displayPath(host, abs);
  for (const file of userConfigFiles(host)) {
    const paths = file.folder ? await folderFiles(file.path, host, fs, skipped) : [file.path];
    for (const abs of paths) targets.push({ abs, display: display(abs), owner: file.client, kind: 'config' });
  }
  for (const store of TOKEN_STORES) {
    const override = store.envOverride ? host.env[store.envOverride] : undefined;
    const path = override && override.trim() !== '' ? override : resolveLocation(store.location, host);
    if (path === undefined) continue;
    const paths = store.location.folder ? await folderFiles(path, host, fs, skipped, 2) : [path];
    for (const abs of paths) targets.push({ abs, display: display(abs), owner: store.owner, kind: 'token-store' });
  }
  return targets;
}

/** The JSON and YAML files of a folder (and, for token stores, one level of sub-folders). A folder that is not there is not an error. */
async function folderFiles(dir: string, host: HostFacts, fs: AuditFileSystem, skipped: SkippedFile[], depth = 1): Promise<string[]> {
  const path = host.platform === 'win32' ? win32 : posix;
  let entries: Awaited<ReturnType<AuditFileSystem['readDir']>>;
  try {
    entries = await fs.readDir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') skipped.push({ file: displayPath(host, dir), reason: 'unreadable-directory', detail: code ?? 'error' });
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory && depth > 1) files.push(...(await folderFiles(full, host, fs, skipped, depth - 1)));
    else if (!entry.isDirectory && /\.(?:json|ya?ml)$/i.test(entry.name)) files.push(full);
  }
  return files;
}

function displayPath(host: HostFacts, abs: string): string {
  const path = host.platform === 'win32' ? win32 : posix;
  const rel = path.relative(host.home, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs.split(path.sep).join('/') : `~/${rel.split(path.sep).join('/')}`;
}

/** Token files (mcp-remote's *_tokens.json, goose secrets.yaml): which tokens sit there in clear, and how old they are. */
function tokenStoreFindings(target: Target, text: string, mtimeMs: number, now: Date): AuditFinding[] {
  const kinds = [/["']?refresh_token["']?\s*[:=]/.test(text) ? 'a refresh token' : '', /["']?access_token["']?\s*[:=]/.test(text) ? 'an access token' : ''].filter(Boolean);
  const secretsYaml = target.owner === 'goose' && /^\s*[A-Za-z_][\w-]*\s*:\s*\S/m.test(text);
  if (kinds.length === 0 && !secretsYaml) return [];
  const rule = getRule('plaintext-token-store');
  const days = Math.floor((now.getTime() - mtimeMs) / DAY_MS);
  const what = kinds.length > 0 ? kinds.join(' and ') : 'secrets';
  const stale = days >= STALE_DAYS ? `; last written ${days} days ago, so probably stale: revoke it` : '';
  return [{
    ruleId: rule.id, category: rule.category, severity: rule.severity, file: target.display, line: 1, column: 1, endLine: 1, endColumn: 1,
    message: `${target.owner} keeps ${what} in clear text here${stale}`, fingerprint: fingerprintOf(rule.id, target.display, '', undefined),
    pointer: '', client: target.owner, fix: rule.help,
  }];
}

function modeFinding(target: Target, client: string, mode: number): AuditFinding {
  const rule = getRule('file-readable-by-others');
  const octal = `0${mode.toString(8).padStart(3, '0')}`;
  return {
    ruleId: rule.id, category: rule.category, severity: rule.severity, file: target.display, line: 1, column: 1, endLine: 1, endColumn: 1,
    message: `${rule.title} (mode ${octal})`, fingerprint: fingerprintOf(rule.id, target.display, '', octal), pointer: '', client, fix: rule.help,
  };
}
