import type { FileLocation } from './client.js';

/**
 * Where MCP tools keep OAuth tokens in plain files (no keychain): what `audit-config --user`
 * checks for plaintext refresh tokens and file modes.
 */
export interface TokenStore {
  owner: string;
  location: FileLocation;
  /** An environment variable that moves the store. */
  envOverride?: string;
  source: string;
}

export const TOKEN_STORES: readonly TokenStore[] = [
  // mcp-remote: ~/.mcp-auth/mcp-remote-<version>/<hash>_tokens.json (+ _client_info.json, _code_verifier.txt).
  { owner: 'mcp-remote', location: { base: 'home', path: '.mcp-auth', folder: true }, envOverride: 'MCP_REMOTE_CONFIG_DIR', source: 'https://github.com/geelen/mcp-remote/blob/d26e5a821ee7e266109f05871ecc2570d8a7054a/README.md' },
  // goose falls back to a plaintext secrets.yaml beside config.yaml when no keyring is available.
  { owner: 'goose', location: { base: 'xdg-config', path: 'goose/secrets.yaml', platforms: ['linux', 'darwin'] }, source: 'https://github.com/block/goose/blob/09f7063a8daf90d6f6a13479ac4b55c1a4406b60/documentation/docs/guides/config-files.md' },
  { owner: 'goose', location: { base: 'app-data', path: 'Block/goose/config/secrets.yaml', platforms: ['win32'] }, source: 'https://github.com/block/goose/blob/09f7063a8daf90d6f6a13479ac4b55c1a4406b60/documentation/docs/guides/config-files.md' },
  { owner: 'gemini', location: { base: 'home', path: '.gemini/mcp-oauth-tokens.json' }, source: 'https://github.com/google-gemini/gemini-cli/blob/5411f113cafae26161b4969b0237b8e1e024e2c2/docs/tools/mcp-server.md' },
];
