import { scanFileText } from '../audit/scan-file.js';
import { maskSecret } from '../secrets/mask.js';
import { sitesFromFindings } from '../rotate/config/sites-from-findings.js';
import { unifiedDiff } from '../rotate/config/unified-diff.js';

/**
 * The dry-run diff of a setup edit. setup never writes a secret, but the file may already hold some
 * in the lines around the entry: audit-config's detectors find them and they are masked, so the
 * printed diff never shows one.
 */
export function maskedSetupDiff(file: string, before: string, after: string, now: Date): string {
  const secrets = [...secretsIn(file, before, now), ...secretsIn(file, after, now)].sort((a, b) => b.length - a.length);
  const mask = (text: string) => secrets.reduce((masked, secret) => (secret === '' ? masked : masked.split(secret).join(maskSecret(secret))), text);
  return unifiedDiff(mask(before), mask(after), file);
}

function secretsIn(file: string, text: string, now: Date): string[] {
  if (text.trim() === '') return [];
  const findings = scanFileText(file, text, now).findings.filter((finding) => finding.category === 'secret');
  return findings.length === 0 ? [] : sitesFromFindings(text, findings).map((site) => site.secret);
}
