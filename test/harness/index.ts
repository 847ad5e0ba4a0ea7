export { startHarness } from './harness.js';
export type { Harness, HarnessKnobs } from './harness.js';
export { startAuthServer } from './auth-server.js';
export type { AuthServer } from './auth-server.js';
export type { AuthServerKnobs, MetadataKind, MetadataPreset } from './auth-server-knobs.js';
export { LOOPBACK_REDIRECT_URI, PRESET_CLIENTS } from './auth-provider-config.js';
export { startMcpServer } from './mcp-server.js';
export type { McpTestServer } from './mcp-server.js';
export type { ChallengeKnobs, McpServerKnobs, PrmKnobs, PrmLocation, VerifyKnobs } from './mcp-server-knobs.js';
export { approveDeviceCode, completeAuthorization } from './consent-driver.js';
export type { ConsentOptions } from './consent-driver.js';
export { initializeMessage, MCP_ACCEPT, MCP_PROTOCOL_VERSION, postMcp, toolCallMessage } from './mcp-request.js';
export {
  clientAuthFor,
  insecure,
  pollDeviceToken,
  pollDeviceTokenOnce,
  registerNativeClient,
  runCodeFlow,
  startDeviceAuthorization,
  TEST_REDIRECT_URI,
} from './oauth-client.js';
export type { CodeFlowOptions, FlowResult } from './oauth-client.js';
export { installQuietConsole } from './quiet-console.js';
