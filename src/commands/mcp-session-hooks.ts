import type { McpClientOptions } from '../core/mcp/mcp-client.js';
import { terminalText } from '../output/terminal-text.js';
import { sleepFor } from './login-deps.js';
import type { Runtime } from './runtime.js';

/**
 * How a command's MCP session talks to the user: what the server asked and mcpauth declined goes to
 * stderr, always (a tool that elicits input otherwise fails without saying why); log and progress
 * notifications only with --verbose.
 */
export function mcpSessionHooks(runtime: Runtime): Pick<McpClientOptions, 'fetch' | 'onDeclined' | 'onNotification' | 'sleep'> {
  const s = runtime.errStyle;
  return {
    fetch: runtime.http.fetch,
    onDeclined: (declined) => runtime.note(s.yellow(terminalText(`The server asked for ${declined.asked} (${declined.method}); mcpauth cannot answer that and declined it.`))),
    onNotification: (notification) => {
      if (!runtime.globals.verbose) return;
      runtime.note(s.dim(terminalText(`mcp ${notification.method} ${JSON.stringify(notification.params ?? {})}`, { maxLength: 200 })));
    },
    sleep: sleepFor(runtime.deps.signal),
  };
}
