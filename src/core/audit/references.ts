import type { ReferenceSyntax } from '../clients/reference-syntax.js';

/**
 * The reference syntaxes MCP clients expand instead of a literal value
 * (../shared/reference/mcp-client-configs-and-secrets.md §1.3). A value that is a reference is
 * not a leak; a reference the file's client does not expand is a broken config (users then
 * "fix" it by pasting the literal), and a `${VAR:-default}` default is a literal to scan.
 */
export type { ReferenceSyntax } from '../clients/reference-syntax.js';

export interface ReferenceMatch {
  syntax: ReferenceSyntax;
  start: number;
  end: number;
  name: string;
  /** For `${VAR:-default}`: the default text and where it starts in the value. */
  defaultText?: string;
  defaultStart?: number;
}

// One alternation, most specific first, so `${{ secrets.X }}` is not read as `${...}`.
const REFERENCE =
  /\$\(([^()]*)\)|\$\{\{\s*(?:secrets|inputs)\.([\w-]+)\s*\}\}|\$\{env:([A-Za-z_]\w*)\}|\$\{input:([^}]+)\}|\$\{file:([^}]+)\}|\$\{(workspaceFolder|workspaceFolderBasename|userHome|pathSeparator|\/|cwd)\}|\$\{([A-Za-z_]\w*):-([^}]*)\}|\$\{([A-Za-z_]\w*)\}|(?<![\w$])\{env:([A-Za-z_]\w*)\}|%([A-Za-z_]\w*)%|\$([A-Za-z_]\w*)/g;

export function findReferences(value: string): ReferenceMatch[] {
  const found: ReferenceMatch[] = [];
  if (!/[$%{]/.test(value)) return found;
  for (const match of value.matchAll(REFERENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    found.push(toReference(match, start, end));
  }
  return found;
}

function toReference(match: RegExpMatchArray, start: number, end: number): ReferenceMatch {
  const [, shell, secretName, envColon, input, file, predefined, defName, defText, plain, opencode, percent, dollar] = match;
  if (shell !== undefined) return { syntax: 'shell-command', start, end, name: shell };
  if (secretName !== undefined) return { syntax: 'continue-secret', start, end, name: secretName };
  if (envColon !== undefined) return { syntax: 'env-colon', start, end, name: envColon };
  if (input !== undefined) return { syntax: 'input', start, end, name: input };
  if (file !== undefined) return { syntax: 'file', start, end, name: file };
  if (predefined !== undefined) return { syntax: 'predefined', start, end, name: predefined };
  if (defName !== undefined) {
    const defaultStart = start + match[0].indexOf(':-') + 2;
    return { syntax: 'dollar-brace-default', start, end, name: defName, defaultText: defText ?? '', defaultStart };
  }
  if (plain !== undefined) return { syntax: 'dollar-brace', start, end, name: plain };
  if (opencode !== undefined) return { syntax: 'opencode-env', start, end, name: opencode };
  if (percent !== undefined) return { syntax: 'percent', start, end, name: percent };
  return { syntax: 'dollar', start, end, name: dollar ?? '' };
}

/** The value with every reference blanked out (same length, so indexes still map to columns). */
export function literalRemainder(value: string, references: readonly ReferenceMatch[]): string {
  let out = value;
  for (const reference of references) {
    out = out.slice(0, reference.start) + ' '.repeat(reference.end - reference.start) + out.slice(reference.end);
  }
  return out;
}

/** True when nothing but references and whitespace/separators is left. */
export function isPureReference(value: string, references: readonly ReferenceMatch[]): boolean {
  if (references.length === 0) return false;
  return literalRemainder(value, references).trim().length === 0;
}

export const REFERENCE_EXAMPLES: Record<ReferenceSyntax, string> = {
  'dollar-brace': '${VAR}',
  'dollar-brace-default': '${VAR:-default}',
  dollar: '$VAR',
  percent: '%VAR%',
  'env-colon': '${env:VAR}',
  input: '${input:id}',
  file: '${file:/path}',
  predefined: '${workspaceFolder}',
  'opencode-env': '{env:VAR}',
  'continue-secret': '${{ secrets.VAR }}',
  'shell-command': '$(command)',
};
