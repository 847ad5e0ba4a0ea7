import type { ConfigRotationView } from './rotate-config-human.js';

/** `rotate --config --json`: the plan without the config text; values only under --to print --write. */
export function renderConfigRotationJson(view: ConfigRotationView): string {
  const { plan } = view;
  const document = {
    file: plan.file,
    client: plan.client,
    target: plan.target,
    written: view.written,
    changed: plan.changed,
    diff: plan.diff,
    moved: plan.moved,
    skipped: plan.skipped,
    dotenv: plan.target === 'env' ? { path: plan.dotenvPath, changes: plan.dotenvText !== undefined, ignoreEntry: view.ignoreEntry ?? null } : null,
    committed: plan.committed,
    refusal: plan.refusal ?? null,
    oauthServers: view.oauthServers,
    ...(plan.target === 'print' && view.written ? { values: plan.values ?? [] } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
