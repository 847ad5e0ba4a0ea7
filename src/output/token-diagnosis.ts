import type { TokenDiagnosis } from '../core/idp/diagnose-token.js';
import type { Style } from './style.js';
import { terminalText } from './terminal-text.js';

const LABEL = { audience: 'PRM resource / aud', issuer: 'AS issuer / iss', scope: 'needed / scope' } as const;

/** The side-by-side of `token inspect --server`: expected | in the token, then the IdP's audience fix. */
export function renderTokenDiagnosis(diagnosis: TokenDiagnosis, style: Style): string[] {
  const idp = diagnosis.idp === undefined ? '' : ` (${terminalText(diagnosis.idp.name)})`;
  const lines = ['', style.bold(`Against the server${idp}: expected | in the token`)];
  for (const row of diagnosis.rows) {
    const mark = row.agrees === undefined ? style.yellow('?       ') : row.agrees ? style.green('ok      ') : style.red('MISMATCH');
    lines.push(`  ${LABEL[row.what].padEnd(18)} ${mark} ${terminalText(row.expected)} ${style.dim('|')} ${terminalText(row.actual)}`);
  }
  if (diagnosis.format !== 'jwt') lines.push(`  ${style.yellow(`the token is ${diagnosis.format === 'jwe' ? 'an encrypted JWT (JWE)' : 'opaque'}: the server can only read it with its issuer's help`)}`);
  if (diagnosis.fix !== undefined) {
    lines.push(`  ${style.bold('fix:')} ${terminalText(diagnosis.fix.text)}`);
    for (const source of diagnosis.fix.sources) lines.push(`  ${style.dim('src:')} ${terminalText(source)}`);
  }
  return lines;
}
