import { mergeDotenv, readDotenv } from './dotenv-text.js';
import { revocationPageFor, type RevocationPage } from './revocation-pages.js';
import { maskedDiff, rewriteConfig } from './rewrite-config.js';
import type { ConfigRewrite, SecretSite, SkippedSite } from './secret-site.js';

export type SecretTarget = 'env' | 'print';

export interface ConfigRotationInput {
  /** The config as the user named it. */
  file: string;
  client: string;
  text: string;
  sites: readonly SecretSite[];
  target: SecretTarget;
  /** The .env the values go to (--to env): its display path, current text, and git state. */
  dotenv: { path: string; text: string; tracked: boolean; ignored: boolean };
  /** Secrets found in the file's git history (any commit): moving them is not enough. */
  committedSecrets: ReadonlySet<string>;
}

export interface CommittedSecret {
  envName: string;
  ruleId: string;
  /** Where to revoke it; undefined for shapes with no known provider (a bare bearer token). */
  page?: RevocationPage;
}

export interface ConfigRotationPlan {
  file: string;
  client: string;
  target: SecretTarget;
  /** The new config text ('' changes when nothing moved). */
  configText: string;
  changed: boolean;
  /** Masked unified diff of the config. */
  diff: string;
  moved: Array<{ envName: string; ruleId: string; inputId?: string }>;
  skipped: Array<Pick<SkippedSite, 'reason' | 'detail'> & { jsonPath: string; ruleId: string }>;
  /** New .env text (target env), undefined when it does not change. */
  dotenvText?: string;
  dotenvPath: string;
  /** The .env must be added to .gitignore before it is written. */
  needsIgnoreEntry: boolean;
  committed: CommittedSecret[];
  /** Why nothing may be written (a secret would land in a tracked file). */
  refusal?: string;
  /** The values, only for --to print (the user asked to see them, to paste into a secret manager). */
  values?: Array<{ envName: string; secret: string }>;
}

/** Plans one config's rotation: pure, so the dry run and --write show exactly the same thing. */
export function planConfigRotation(input: ConfigRotationInput): ConfigRotationPlan {
  const existingEnv = input.target === 'env' ? readDotenv(input.dotenv.text) : new Map<string, string>();
  const rewrite = rewriteConfig({ file: input.file, client: input.client, text: input.text, sites: input.sites, existingEnv });
  const plan: ConfigRotationPlan = {
    file: input.file,
    client: input.client,
    target: input.target,
    configText: rewrite.after,
    changed: rewrite.after !== rewrite.before,
    diff: maskedDiff(rewrite),
    moved: rewrite.moved.map(({ envName, ruleId, inputId }) => (inputId === undefined ? { envName, ruleId } : { envName, ruleId, inputId })),
    skipped: rewrite.skipped.map(({ site, reason, detail }) => ({ reason, detail, jsonPath: site.jsonPath.join('.'), ruleId: site.ruleId })),
    dotenvPath: input.dotenv.path,
    needsIgnoreEntry: false,
    committed: committedOf(rewrite, input.committedSecrets),
  };
  if (rewrite.moved.length === 0) return plan;
  if (input.target === 'print') return { ...plan, values: rewrite.moved.map(({ envName, secret }) => ({ envName, secret })) };
  // Never write a secret into a tracked file: a tracked .env would put it straight back into git.
  if (input.dotenv.tracked) return { ...plan, refusal: `${input.dotenv.path} is tracked by git; writing the secrets there would commit them again.` };
  const dotenvText = mergeDotenv(input.dotenv.text, rewrite.moved);
  return { ...plan, needsIgnoreEntry: !input.dotenv.ignored, ...(dotenvText === input.dotenv.text ? {} : { dotenvText }) };
}

/** Moved or not (a client that expands nothing), a committed secret must be revoked. */
function committedOf(rewrite: ConfigRewrite, committed: ReadonlySet<string>): CommittedSecret[] {
  const left = rewrite.skipped.filter((skip) => skip.reason !== 'already-referenced').map(({ site }) => ({ envName: site.envName, secret: site.secret, ruleId: site.ruleId }));
  const seen = new Set<string>();
  return [...rewrite.moved, ...left]
    .filter((entry) => committed.has(entry.secret) && !seen.has(entry.secret) && seen.add(entry.secret))
    .map((entry) => {
      const page = revocationPageFor(entry.ruleId);
      return page === undefined ? { envName: entry.envName, ruleId: entry.ruleId } : { envName: entry.envName, ruleId: entry.ruleId, page };
    });
}
