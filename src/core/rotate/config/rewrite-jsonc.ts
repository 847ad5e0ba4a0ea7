import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import { inputIdFor, referenceText, type ReferenceStyle } from './client-references.js';
import { addMoved, type EnvNamer } from './env-names.js';
import type { MovedSecret, SecretSite, SkippedSite } from './secret-site.js';

type JsonPath = Array<string | number>;

export interface TextRewrite {
  after: string;
  moved: MovedSecret[];
  skipped: SkippedSite[];
}

/**
 * Replaces each secret with a reference through jsonc-parser's modify/applyEdits: only the string
 * itself changes, so comments, key order and indentation stay as the user wrote them (VS Code and
 * Zed files are JSONC; re-serialising would drop their comments).
 */
export function rewriteJsonc(text: string, sites: readonly SecretSite[], style: Exclude<ReferenceStyle, 'codex-fields'>, nameFor: EnvNamer): TextRewrite {
  const formattingOptions = detectFormatting(text);
  let current = text;
  const moved: MovedSecret[] = [];
  const skipped: SkippedSite[] = [];
  for (const site of sites) {
    const node = findNodeAtLocation(parseTree(current) ?? { type: 'null', offset: 0, length: 0 }, site.jsonPath);
    if (node?.type !== 'string' || typeof node.value !== 'string') {
      skipped.push({ site, reason: 'layout-not-supported', detail: `no string at ${site.jsonPath.join('.')}` });
      continue;
    }
    if (!node.value.includes(site.secret)) {
      skipped.push({ site, reason: 'already-referenced', detail: 'the literal is no longer there (already moved)' });
      continue;
    }
    const envName = nameFor(site.envName, site.secret);
    const reference = style === 'input' ? inputIdFor(envName) : envName;
    const replaced = node.value.split(site.secret).join(referenceText(style, reference));
    current = applyEdits(current, modify(current, site.jsonPath, replaced, { formattingOptions }));
    if (style === 'input') current = ensureInput(current, inputsPathFor(site.jsonPath), reference, formattingOptions);
    addMoved(moved, style === 'input' ? { envName, secret: site.secret, ruleId: site.ruleId, inputId: reference } : { envName, secret: site.secret, ruleId: site.ruleId });
  }
  return { after: current, moved, skipped };
}

/** VS Code keeps `inputs` beside `servers` (also under `mcp` in settings.json, or in devcontainer.json). */
export function inputsPathFor(jsonPath: JsonPath): JsonPath {
  const at = jsonPath.indexOf('servers');
  return at < 0 ? ['inputs'] : [...jsonPath.slice(0, at), 'inputs'];
}

function ensureInput(text: string, inputsPath: JsonPath, id: string, formattingOptions: FormattingOptions): string {
  const inputs = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, inputsPath);
  // VS Code docs: promptString with password: true masks the prompt and stores the value securely.
  const entry = { type: 'promptString', id, description: `${id} (moved out of this file by mcpauth rotate)`, password: true };
  if (inputs?.type === 'array') {
    const exists = (inputs.children ?? []).some((item) => item.type === 'object' && findNodeAtLocation(item, ['id'])?.value === id);
    if (exists) return text;
    return applyEdits(text, modify(text, [...inputsPath, -1], entry, { formattingOptions, isArrayInsertion: true }));
  }
  return applyEdits(text, modify(text, inputsPath, [entry], { formattingOptions }));
}

/** Keeps the file's own indentation and line endings for inserted text. */
export function detectFormatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent === undefined) return { insertSpaces: true, tabSize: 2, eol };
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
