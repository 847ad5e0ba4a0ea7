import { CliError } from '../../errors.js';

/** MCP protocol revisions this client can speak. */
export type McpProtocolVersion = '2025-03-26' | '2025-06-18' | '2025-11-25' | '2026-07-28';

export const MCP_PROTOCOL_VERSIONS: readonly McpProtocolVersion[] = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'];

/** The latest stateful revision: what a server that predates 2026-07-28 understands. */
export const DEFAULT_PROTOCOL_VERSION: McpProtocolVersion = '2025-11-25';

export function isMcpProtocolVersion(value: string): value is McpProtocolVersion {
  return (MCP_PROTOCOL_VERSIONS as readonly string[]).includes(value);
}

/**
 * 2026-07-28 changelog items 1-4: no initialize handshake; every request carries its protocol version
 * and client capabilities in `_meta` and the MCP-Protocol-Version header.
 */
export function isStatelessVersion(version: McpProtocolVersion): boolean {
  return version >= '2026-07-28';
}

/** The MCP revision to speak: --protocol-version, else MCPAUTH_PROTOCOL_VERSION, else the default. */
export function protocolVersionFrom(env: Readonly<Record<string, string | undefined>>, flag?: string): McpProtocolVersion {
  if (flag !== undefined) return flag as McpProtocolVersion;
  const value = env.MCPAUTH_PROTOCOL_VERSION;
  if (value === undefined || value === '') return DEFAULT_PROTOCOL_VERSION;
  if (isMcpProtocolVersion(value)) return value;
  throw new CliError('usage', `MCPAUTH_PROTOCOL_VERSION=${value} is not a protocol version mcpauth speaks.`, { hint: `Use one of ${MCP_PROTOCOL_VERSIONS.join(', ')}.` });
}
