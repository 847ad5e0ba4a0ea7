import { Option } from 'commander';
import { DEFAULT_PROTOCOL_VERSION, MCP_PROTOCOL_VERSIONS } from '../core/mcp/protocol-version.js';
import { parseChoice } from './command-context.js';

/** --protocol-version on every command that talks MCP (env MCPAUTH_PROTOCOL_VERSION as the fallback). */
export function protocolVersionOption(): Option {
  return new Option('--protocol-version <version>', `MCP revision to speak (${MCP_PROTOCOL_VERSIONS.join(', ')}; default ${DEFAULT_PROTOCOL_VERSION}, env MCPAUTH_PROTOCOL_VERSION)`).argParser(
    parseChoice(MCP_PROTOCOL_VERSIONS),
  );
}

