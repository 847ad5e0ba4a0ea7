// The conformance suite's client under test: drives the real mcpauth CLI (bin/mcpauth.js).
// The suite appends the MCP server URL as the last argument and sets MCP_CONFORMANCE_SCENARIO,
// MCP_CONFORMANCE_PROTOCOL_VERSION and (for scenarios with data) MCP_CONFORMANCE_CONTEXT.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const url = process.argv.at(-1);
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}');
const home = mkdtempSync(join(tmpdir(), 'mcpauth-conformance-'));
const env = {
  ...process.env,
  MCPAUTH_HOME: home,
  MCPAUTH_NO_KEYCHAIN: '1',
  MCPAUTH_BROWSER: `${process.execPath} ${join(root, 'test/conformance/fetch-browser.mjs')}`,
  MCP_CONFORMANCE_CLIENT_SECRET: context.client_secret ?? '',
};

function mcpauth(args) {
  const result = spawnSync(process.execPath, [join(root, 'bin/mcpauth.js'), ...args, '--verbose'], { env, stdio: 'inherit' });
  return result.status ?? 1;
}

// The CIMD scenario's client_id is fixed by the suite (basic-cimd.ts), not passed in the context.
const version = process.env.MCP_CONFORMANCE_PROTOCOL_VERSION ?? '2025-11-25';
const login = ['login', url, '--protocol-version', version, '--client-metadata-url', 'https://conformance-test.local/client-metadata.json'];
if (context.client_id) login.push('--client-id', context.client_id);
if (context.client_secret) login.push('--client-secret-env', 'MCP_CONFORMANCE_CLIENT_SECRET');
// The call runs even when login failed: with no stored credential it stops before any request, and
// when login's own proof was refused (the AS-migration scenario flips the AS right then) it recovers.
mcpauth(login);
const code = mcpauth(['call', url, 'test-tool', '--step-up', '--protocol-version', version]);
rmSync(home, { recursive: true, force: true });
process.exit(code);
