import type { McpClientOptions } from '../core/mcp/mcp-client.js';
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
    onDeclined: (declined) => runtime.note(s.yellow(`The server asked for ${declined.asked} (${declined.method}); mcpauth cannot answer that and declined it.`)),
    onNotification: (notification) => {
      if (!runtime.globals.verbose) return;
      runtime.note(s.dim(`mcp ${notification.method} ${JSON.stringify(notification.params ?? {}).slice(0, 200)}`));
    },
    sleep: sleepFor(runtime.deps.signal),
  };
}
