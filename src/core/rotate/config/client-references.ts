import { getClient } from '../../clients/registry.js';
import type { ReferenceStyle } from '../../clients/reference-syntax.js';

export type { ReferenceStyle } from '../../clients/reference-syntax.js';

/**
 * How each MCP client references an environment value instead of a literal: registry data
 * (src/core/clients/), only syntaxes a client's docs say it expands: writing `${VAR}` where a
 * client sends it literally would break the server.
 */
export function referenceStyleOf(client: string): ReferenceStyle | undefined {
  return getClient(client)?.writeStyle;
}

export function whyNotRewritable(client: string): string {
  return getClient(client)?.noReferenceNote ?? `mcpauth does not know which variable syntax ${client} expands; move the value by hand using that client's documented syntax.`;
}

export function referenceText(style: Exclude<ReferenceStyle, 'codex-fields'>, name: string): string {
  switch (style) {
    case 'dollar-brace':
      return `\${${name}}`;
    case 'env-colon':
      return `\${env:${name}}`;
    case 'input':
      return `\${input:${name}}`;
    case 'opencode-env':
      return `{env:${name}}`;
  }
}

/** VS Code input ids are free text; kebab case matches the examples in its docs. */
export function inputIdFor(envName: string): string {
  return envName.toLowerCase().replace(/_/g, '-');
}
