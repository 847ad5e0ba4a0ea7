import { maskSecret } from '../../secrets/mask.js';
import { referenceStyleOf, whyNotRewritable } from './client-references.js';
import { createEnvNamer } from './env-names.js';
import { rewriteCodexToml } from './rewrite-codex-toml.js';
import { rewriteJsonc, type TextRewrite } from './rewrite-jsonc.js';
import type { ConfigRewrite, SecretSite } from './secret-site.js';
import { unifiedDiff } from './unified-diff.js';

export interface RewriteInput {
  file: string;
  client: string;
  text: string;
  sites: readonly SecretSite[];
  /** NAME -> value already in the target .env (so a name holding another value is not reused). */
  existingEnv?: ReadonlyMap<string, string>;
}

/**
 * Rewrites one config so each literal becomes a reference in the syntax its client expands.
 * Pure: text in, text out. Applying it to its own output changes nothing (the literals are gone).
 */
export function rewriteConfig(input: RewriteInput): ConfigRewrite {
  const style = referenceStyleOf(input.client);
  const base = { file: input.file, client: input.client, before: input.text };
  if (style === undefined) {
    const reason = input.client === 'claude-desktop' || input.client === 'goose' ? 'client-expands-nothing' : 'client-unknown';
    const detail = whyNotRewritable(input.client);
    return { ...base, after: input.text, moved: [], skipped: input.sites.map((site) => ({ site, reason, detail })) };
  }
  const namer = createEnvNamer(input.existingEnv);
  const result: TextRewrite = style === 'codex-fields' ? rewriteCodexToml(input.text, input.sites, namer) : rewriteJsonc(input.text, input.sites, style, namer);
  return { ...base, ...result };
}

/** The dry-run diff, with every moved secret masked: the diff is printed, the secrets never are. */
export function maskedDiff(rewrite: ConfigRewrite): string {
  const secrets = [...rewrite.moved.map((entry) => entry.secret), ...rewrite.skipped.map((skip) => skip.site.secret)].sort((a, b) => b.length - a.length);
  const mask = (text: string) => secrets.reduce((masked, secret) => (secret === '' ? masked : masked.split(secret).join(maskSecret(secret))), text);
  return unifiedDiff(mask(rewrite.before), mask(rewrite.after), rewrite.file);
}
