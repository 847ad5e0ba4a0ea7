import type { SetupListRow, SetupResult } from '../core/setup/setup-result.js';
import type { Style } from './style.js';

/** `setup` for people: what was decided and why, the diff, and the next steps. */
export function renderSetupHuman(result: SetupResult, write: boolean, style: Style): string {
  const lines: string[] = [];
  const what = result.mode === 'url' ? 'a remote (url) entry the client authorizes itself' : 'an entry that runs mcpauth proxy';
  lines.push(`${style.bold(result.client)}: ${what}, "${result.name}" in ${result.file}`);
  for (const reason of result.reasons) lines.push(`  ${style.dim('why:')} ${reason}`);
  if (result.change === 'unchanged') {
    lines.push(style.green('  The file already has this entry; nothing to change.'));
  } else {
    lines.push('', ...colourDiff(result.diff, style));
    lines.push(result.written ? style.green(`Wrote ${result.file} (${result.change} "${result.name}").`) : style.yellow('Dry run: nothing written. Add --write to apply.'));
  }
  if (result.redirectUris.length > 0) {
    lines.push('', 'Register these redirect URIs for the client_id with the authorization server:');
    for (const uri of result.redirectUris) lines.push(`  ${style.cyan(uri)}`);
  }
  if (result.login === 'needed') lines.push('', `Next: run ${style.cyan(`mcpauth login ${proxyUrl(result)}`)} (the proxy uses the stored credential).`);
  if (result.login === 'done') lines.push(style.green('Logged in; the credential is stored for the proxy.'));
  if (!write && result.change !== 'unchanged') return `${lines.join('\n')}\n`;
  lines.push(style.dim(`Restart or reload ${result.client} to pick up the change. Source: ${result.docs[0] ?? ''}`));
  return `${lines.join('\n')}\n`;
}

function proxyUrl(result: SetupResult): string {
  const args = (result.entry.args ?? result.entry.command) as unknown;
  const list = Array.isArray(args) ? (args as string[]) : [];
  return list[list.length - 1] ?? '<url>';
}

function colourDiff(diff: string, style: Style): string[] {
  return diff
    .trimEnd()
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? style.green(line) : line.startsWith('-') && !line.startsWith('---') ? style.red(line) : line));
}

export function renderSetupJson(result: SetupResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** `setup --list`: each client, how it is set up, and its user file per OS. */
export function renderSetupList(rows: readonly SetupListRow[], json: boolean, style: Style): string {
  if (json) return `${JSON.stringify(rows, null, 2)}\n`;
  const lines = rows.flatMap((row) => [
    `${style.bold(row.client.padEnd(15))} ${row.oauth}`,
    `  linux   ${row.user.linux ?? '-'}`,
    `  macOS   ${row.user.darwin ?? '-'}`,
    `  Windows ${row.user.win32 ?? '-'}`,
    `  project ${row.project ?? '-'}`,
  ]);
  return `${lines.join('\n')}\n`;
}
