import { isDocumentedExample } from './false-positives.js';
import type { Hit } from './value-site.js';

/**
 * Secrets with no prefix of their own, recognised only next to a telling key name
 * (trufflehog's keyword-within-40-chars idea, applied to the structural key instead).
 */
interface KeyedFormat {
  id: string;
  key: RegExp;
  value: RegExp;
}

const KEYED_FORMATS: readonly KeyedFormat[] = [
  { id: 'aws-secret-access-key', key: /aws.*secret|secret.*access.*key/i, value: /^[A-Za-z0-9/+=]{40}$/ },
  { id: 'datadog-api-key', key: /datadog|^dd_(?:api|app|application)_key$/i, value: /^[a-f0-9]{32}(?:[a-f0-9]{8})?$/ },
  { id: 'notion-legacy-token', key: /notion/i, value: /^secret_[A-Za-z0-9]{43}$/ },
  { id: 'deepseek-api-key', key: /deepseek/i, value: /^sk-[a-z0-9]{32}$/ },
  { id: 'twilio-auth-token', key: /twilio.*(?:token|secret)/i, value: /^[a-f0-9]{32}$/ },
];

export const KEYED_FORMAT_IDS = KEYED_FORMATS.map((format) => format.id);

export function detectKeyed(key: string, value: string): Hit[] {
  const trimmed = value.trim();
  if (isDocumentedExample(trimmed)) return [];
  for (const format of KEYED_FORMATS) {
    if (format.key.test(key) && format.value.test(trimmed)) {
      return [{ ruleId: format.id, start: value.indexOf(trimmed), length: trimmed.length, secret: trimmed, priority: 0 }];
    }
  }
  return [];
}
