export type { ClientId, FileLocation, LocationBase, McpClient, Platform, RecogniseFacts, RemoteOAuth, ServerMap } from './client.js';
export { canRewriteAt, type ReferenceStyle, type ReferenceSyntax } from './reference-syntax.js';
export { CLIENT_LIST, CLIENTS, getClient } from './registry.js';
export { detectClient, type DetectedClient } from './detect-client.js';
export { baseDirectory, resolveLocation, userConfigFiles, type HostFacts, type UserConfigFile } from './locations.js';
export { TOKEN_STORES, type TokenStore } from './token-stores.js';
