/**
 * The first stage of the two-stage CLI: what `mcpauth --version`, `--help` and a one-token usage
 * error print, computed from a manifest of the command tree that the build extracts from commander
 * (describe-startup.ts), so those answers never load commander or a command module. This module
 * imports nothing; test/startup/ checks every answer against the real tree, byte for byte.
 */

export interface HelpSection {
  heading: string;
  items: Array<[term: string, description: string]>;
}

export interface StartupManifest {
  version: string;
  usage: string;
  description: string;
  sections: HelpSection[];
  /** addHelpText('after'): printed as is after the formatted help. */
  after: string;
  /** Every root flag spelling commander accepts (short, long, --no-…), and the visible long ones it suggests. */
  flags: string[];
  suggestedFlags: string[];
  /** The version option's spellings (cli.ts also maps -V to --version before commander sees it). */
  versionFlags: string[];
  /** Visible command names and aliases (the candidates commander suggests from). */
  commands: string[];
}

export interface StartupAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

// commander's Help: items indented 2, 2 spaces between term and description, no wrapping under 40.
const INDENT = 2;
const SPACER = 2;
const MIN_WIDTH_TO_WRAP = 40;

/** Word-wraps like commander's Help.boxWrap (whitespace-separated chunks, break space dropped). */
export function wrapText(text: string, width: number): string {
  if (width < MIN_WIDTH_TO_WRAP) return text;
  return text
    .split(/\r\n|\n/)
    .flatMap((line) => {
      const chunks = line.match(/\s*\S+/g);
      if (!chunks) return [''];
      const lines: string[] = [];
      let current = chunks[0]!;
      for (const chunk of chunks.slice(1)) {
        if (current.length + chunk.length <= width) current += chunk;
        else {
          lines.push(current);
          current = chunk.trimStart();
        }
      }
      lines.push(current);
      return lines;
    })
    .join('\n');
}

function formatItem(term: string, description: string, termWidth: number, helpWidth: number): string {
  const indent = ' '.repeat(INDENT);
  if (!description) return indent + term;
  const remaining = helpWidth - termWidth - SPACER - INDENT;
  const preformatted = /\n[^\S\r\n]/.test(description);
  const text = remaining < MIN_WIDTH_TO_WRAP || preformatted ? description : wrapText(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + SPACER)}`);
  return `${indent}${term.padEnd(termWidth)}${' '.repeat(SPACER)}${text.replace(/\n/g, `\n${indent}`)}`;
}

/** The root help exactly as commander prints it at `helpWidth` columns (then the after-text). */
export function renderRootHelp(manifest: StartupManifest, helpWidth: number): string {
  const termWidth = Math.max(0, ...manifest.sections.flatMap((section) => section.items.map(([term]) => term.length)));
  const lines = [`Usage: ${manifest.usage}`, ''];
  if (manifest.description) lines.push(wrapText(manifest.description, helpWidth), '');
  for (const section of manifest.sections) {
    if (section.items.length === 0) continue;
    lines.push(section.heading, ...section.items.map(([term, description]) => formatItem(term, description, termWidth, helpWidth)), '');
  }
  return `${lines.join('\n')}${manifest.after}`;
}

/** commander's suggestSimilar: candidates within 3 edits and over 40 % similar, the closest ones. */
export function suggestSimilar(word: string, candidates: readonly string[]): string {
  const options = word.startsWith('--');
  const target = options ? word.slice(2) : word;
  let best = 3;
  let similar: string[] = [];
  for (const candidate of new Set(candidates.map((c) => (options ? c.slice(2) : c)))) {
    if (candidate.length <= 1) continue;
    const distance = editDistance(target, candidate);
    const length = Math.max(target.length, candidate.length);
    if ((length - distance) / length <= 0.4) continue;
    if (distance < best) [best, similar] = [distance, [candidate]];
    else if (distance === best) similar.push(candidate);
  }
  const named = similar.sort((a, b) => a.localeCompare(b)).map((c) => (options ? `--${c}` : c));
  if (named.length > 1) return `\n(Did you mean one of ${named.join(', ')}?)`;
  return named.length === 1 ? `\n(Did you mean ${named[0]}?)` : '';
}

/** Optimal string alignment distance (adjacent transpositions count 1), as commander computes it. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j += 1) d[0]![j] = j;
  for (let j = 1; j <= b.length; j += 1) {
    for (let i = 1; i <= a.length; i += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function usageError(message: string): StartupAnswer {
  return { stdout: '', stderr: `mcpauth: ${message}\n  hint: run 'mcpauth --help' for usage.\n`, exitCode: 2 };
}

/**
 * The answer for argv when the first stage can give it exactly, else undefined (load the CLI).
 * Only one-token command lines: `--version`, `--help`, an unknown flag or an unknown command.
 */
export function answerWithoutTree(argv: readonly string[], manifest: StartupManifest, helpWidth: number): StartupAnswer | undefined {
  if (argv.length !== 1) return undefined;
  const token = argv[0]!;
  if (token === '-V' || manifest.versionFlags.includes(token)) return { stdout: `${manifest.version}\n`, stderr: '', exitCode: 0 };
  if (token === '--help' || token === '-h') return { stdout: renderRootHelp(manifest, helpWidth), stderr: '', exitCode: 0 };
  if (/^(--[^=\s]+|-[^-\s])$/.test(token)) {
    if (manifest.flags.includes(token)) return undefined;
    const suggestion = token.startsWith('--') ? suggestSimilar(token, manifest.suggestedFlags) : '';
    return usageError(`unknown option '${token}'${suggestion}`);
  }
  if (/^[a-z][a-z0-9-]*$/.test(token) && !manifest.commands.includes(token)) {
    return usageError(`unknown command '${token}'${suggestSimilar(token, manifest.commands)}`);
  }
  return undefined;
}
