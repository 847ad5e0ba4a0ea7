import { InvalidArgumentError } from 'commander';
import { CliError } from '../errors.js';
import type { AuditFileSystem } from '../core/audit/audit-fs.js';
import type { AuditConfigOptions } from './audit-config.js';

/** `--max-file-size 16M`: bytes, or a number with k/M/G (binary units). */
export function parseByteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  const unit = (match?.[2] ?? '').toLowerCase().charAt(0);
  const bytes = Math.floor(Number(match?.[1]) * ({ k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit] ?? 1));
  if (!match || !Number.isFinite(bytes) || bytes < 1) throw new InvalidArgumentError('expected a size such as 16M, 512k or 1048576.');
  return bytes;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export async function loadSuppressions(options: AuditConfigOptions, fs: AuditFileSystem, cwd: string): Promise<Set<string>> {
  const { parseBaseline, parseIgnoreFile } = await import('../core/audit/suppression.js');
  const fingerprints = new Set<string>();
  const ignoreText = await readOptional(fs, resolvePath(cwd, options.ignoreFile ?? '.mcpauthignore'), options.ignoreFile !== undefined, '--ignore-file');
  if (ignoreText !== undefined) for (const fingerprint of parseIgnoreFile(ignoreText)) fingerprints.add(fingerprint);
  if (options.baseline) {
    const text = await readOptional(fs, resolvePath(cwd, options.baseline), true, '--baseline');
    try {
      for (const fingerprint of parseBaseline(text ?? '')) fingerprints.add(fingerprint);
    } catch (error) {
      throw new CliError('usage', `--baseline ${options.baseline} is not a baseline: ${(error as Error).message}.`, { hint: 'Create one with --write-baseline <file>.' });
    }
  }
  return fingerprints;
}

async function readOptional(fs: AuditFileSystem, path: string, required: boolean, flag: string): Promise<string | undefined> {
  try {
    // Bounded like every other read: a baseline named /dev/zero must not hang the gate.
    const read = await fs.readBounded(await fs.realpath(path), 64 * 1024 * 1024);
    if (read.status !== 'ok') throw Object.assign(new Error(read.status), { code: read.status === 'too-large' ? 'EFBIG' : 'ENOTFILE' });
    return read.buffer.toString('utf8');
  } catch (error) {
    if (!required) return undefined;
    throw new CliError('usage', `${flag} ${path} cannot be read.`, { cause: error, hint: 'Check the path.' });
  }
}

export function resolvePath(cwd: string, path: string): string {
  return path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
}

