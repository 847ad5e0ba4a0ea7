import type { McpTool } from '../core/mcp/mcp-client.js';
import type { Style } from './style.js';
import { terminalSafe, terminalText } from './terminal-text.js';

export interface CallOutcome {
  tools: McpTool[];
  /** The tools/call result, when a tool was called. */
  result?: Record<string, unknown>;
}

function contentText(result: Record<string, unknown>): string {
  const content = Array.isArray(result.content) ? (result.content as Array<Record<string, unknown>>) : [];
  return content.map((block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : `[${String(block.type)} content]`)).join('\n');
}

export function renderCallHuman(input: CallOutcome, style: Style): string {
  if (input.result) {
    // Tool output is the server's text: lines and tabs kept, every control sequence shown, bounded (--json has it all).
    const text = terminalText(contentText(input.result), { multiline: true });
    return `${input.result.isError === true ? style.red('the tool reported an error:\n') : ''}${text}\n`;
  }
  const outcome = terminalSafe(input);
  if (outcome.tools.length === 0) return `${style.dim('(the server lists no tools)')}\n`;
  const width = Math.max(...outcome.tools.map((t) => t.name.length));
  return `${outcome.tools.map((t) => `${style.bold(t.name.padEnd(width))}  ${t.description ?? ''}`.trimEnd()).join('\n')}\n`;
}

export function renderCallJson(outcome: CallOutcome): string {
  return `${JSON.stringify(outcome.result ?? { tools: outcome.tools }, null, 2)}\n`;
}
