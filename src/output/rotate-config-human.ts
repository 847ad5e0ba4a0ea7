import type { ConfigRotationPlan } from '../core/rotate/config/config-rotation.js';
import { formatCommand, type CommandShell } from './shell-quote.js';
import type { Style } from './style.js';
import { terminalSafe, terminalText } from './terminal-text.js';

export interface ConfigRotationView {
  plan: ConfigRotationPlan;
  written: boolean;
  /** The .gitignore line added (or that --write would add). */
  ignoreEntry?: string;
  /** Remote servers whose PRM names an authorization server: `mcpauth login` replaces the static token. */
  oauthServers: string[];
}

/** `rotate --config` for a person: the diff, where the values go, and what moving cannot fix. */
export function renderConfigRotationHuman(input: ConfigRotationView, style: Style, shell: CommandShell = 'posix'): string {
  // Names, paths and the diff come from the repository's files.
  const view = terminalSafe(input);
  const plan = { ...view.plan, diff: terminalText(input.plan.diff, { multiline: true }) };
  if (plan.moved.length === 0 && plan.skipped.length === 0) return `${style.green(`No literal secrets in ${plan.file}: nothing to move.`)}\n`;
  const lines: string[] = [style.bold(`${plan.file} (${plan.client}): ${plan.moved.length} literal secret${plan.moved.length === 1 ? '' : 's'} to move into environment references`)];
  if (plan.diff !== '') lines.push('', plan.diff.trimEnd(), '');
  lines.push(...destinationLines(view, style));
  for (const skip of plan.skipped) lines.push(style.yellow(`  not moved: ${skip.jsonPath} (${skip.ruleId}): ${skip.detail}`));
  if (plan.committed.length > 0) {
    lines.push('', style.red(style.bold('These secrets are in git history. Moving them is not enough: anyone with a clone has them. Revoke each one and create a new one:')));
    for (const entry of plan.committed) {
      const where = entry.page ? `revoke at ${entry.page.provider}: ${entry.page.url}` : 'revoke it where it was issued';
      lines.push(`  ${entry.envName} (${entry.ruleId}): ${where}`);
    }
  }
  for (const url of view.oauthServers) lines.push('', `${url} supports OAuth: replace the static token with ${style.bold(formatCommand(['mcpauth', 'login', url], shell))}`);
  if (!view.written && plan.refusal === undefined && plan.changed) lines.push('', style.dim('Dry run: nothing was written. Run again with --write to apply.'));
  return `${lines.join('\n')}\n`;
}

function destinationLines(view: ConfigRotationView, style: Style): string[] {
  const { plan } = view;
  const names = plan.moved.map((entry) => entry.envName).join(', ');
  if (plan.refusal !== undefined) return [style.red(`Refused: ${plan.refusal}`), '  Use --to print and keep the values in a secret manager, or untrack it (git rm --cached).'];
  if (plan.moved.length === 0) return [];
  const inputs = plan.moved.filter((entry) => entry.inputId !== undefined).map((entry) => entry.inputId);
  // ${input:id} is answered in VS Code's prompt, not from the environment: the .env is where to copy it from.
  const prompt = inputs.length > 0 ? [`  VS Code asks for ${inputs.join(', ')} once and keeps the answer in its secret storage: paste each value there.`] : [];
  if (plan.target === 'print') {
    const values = plan.values?.map((entry) => `  ${entry.envName}=${entry.secret}`) ?? [];
    return view.written ? ['Store these in your keychain or secret manager, then export them for the client:', ...values, ...prompt] : [`With --write, the values of ${names} are printed for your secret manager.`, ...prompt];
  }
  const verb = view.written ? 'Wrote' : 'Would write';
  const lines = [`${verb} ${names} to ${plan.dotenvPath} (mode 0600)${plan.dotenvText === undefined ? ' (already there)' : ''}.`];
  if (view.ignoreEntry !== undefined) lines.push(`${view.written ? 'Added' : 'Would add'} ${view.ignoreEntry} to .gitignore.`);
  if (inputs.length < plan.moved.length) lines.push(`  Load it before starting the client, e.g. set -a; . ${plan.dotenvPath}; set +a (or direnv / envFile).`);
  lines.push(...prompt);
  return lines;
}
