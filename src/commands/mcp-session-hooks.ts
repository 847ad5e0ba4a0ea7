import type { McpClientOptions, ProtocolFallback } from '../core/mcp/mcp-client.js';
import { terminalText } from '../output/terminal-text.js';
import { sleepFor } from './login-deps.js';
import type { Runtime } from './runtime.js';

/**
 * How a command's MCP session talks to the user: what the server asked and mcpauth declined goes to
 * stderr, always (a tool that elicits input otherwise fails without saying why); log and progress
 * notifications and a protocol fallback only with --verbose (the fallback is how mcpauth is meant to
 * work with a legacy server, not a problem to report).
 */
export function mcpSessionHooks(runtime: Runtime): Pick<McpClientOptions, 'fetch' | 'onDeclined' | 'onNotification' | 'onFallback' | 'sleep'> {
  const s = runtime.errStyle;
  return {
    fetch: runtime.http.fetch,
    onDeclined: (declined) => runtime.note(s.yellow(terminalText(`The server asked for ${declined.asked} (${declined.method}); mcpauth cannot answer that and declined it.`))),
    onNotification: (notification) => {
      if (!runtime.globals.verbose) return;
      runtime.note(s.dim(terminalText(`mcp ${notification.method} ${JSON.stringify(notification.params ?? {})}`, { maxLength: 200 })));
    },
    onFallback: (fallback) => {
      if (runtime.globals.verbose) runtime.note(s.dim(describeFallback(fallback)));
    },
    sleep: sleepFor(runtime.deps.signal),
  };
}

/** The --verbose line of a fallback from server/discover to initialize. */
export function describeFallback(fallback: ProtocolFallback): string {
  return terminalText(`mcp server/discover (${fallback.from}) was answered ${fallback.reason}: a server of an earlier revision; falling back to initialize with ${fallback.to}`, { maxLength: 300 });
}
