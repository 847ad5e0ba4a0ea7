/**
 * JSON nesting is bounded wherever mcpauth reads JSON a server or a user wrote (metadata, MCP
 * messages, JWT claims, --args). JSON.parse itself copes with deep input, but everything after it that
 * recurses (JSON.stringify, renderers, validators) overflows the stack: 500,000 nested arrays fit in
 * the 1 MiB body cap. Real documents nest a handful of levels; 64 leaves ample room.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `text` nests objects/arrays deeper than `max` (a linear scan; strings are skipped). */
export function jsonTextTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/** True when an already-parsed value nests deeper than `max` (iterative: never recurses itself). */
export function jsonValueTooDeep(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const item of Object.values(current)) if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
  }
  return false;
}

export class JsonTooDeepError extends Error {
  constructor(what: string, max: number = MAX_JSON_DEPTH) {
    super(`${what} nests JSON deeper than ${max} levels`);
    this.name = 'JsonTooDeepError';
  }
}

/** JSON.parse with the depth bound; `what` names the input in the error ("the --args value"). */
export function parseJsonBounded(text: string, what: string, max: number = MAX_JSON_DEPTH): unknown {
  if (jsonTextTooDeep(text, max)) throw new JsonTooDeepError(what, max);
  return JSON.parse(text) as unknown;
}
