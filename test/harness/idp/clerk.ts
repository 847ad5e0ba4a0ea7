import type { HarnessKnobs } from '../harness.js';
import { startSimulatedHarness, type IdpSimulator } from './simulator.js';

/**
 * Clerk with Dynamic client registration enabled (idp-quirks.md §11), on oidc-provider. Only the
 * registration-scope behaviour is simulated; Clerk's aud-less tokens (§11 row 4) are not.
 */
export const CLERK_DEFAULT_DCR_SCOPE = 'email offline_access profile';
const CLERK_SCOPES = ['openid', 'email', 'profile', 'offline_access'];

export function clerkKnobs(): HarnessKnobs {
  return {
    as: {
      simulate: {
        // §11 Shape: the authorize endpoint is /oauth/authorize; §16 signature: /oauth/device_authorization.
        routes: { authorization: '/oauth/authorize', token: '/oauth/token', registration: '/oauth/register', device_authorization: '/oauth/device_authorization', jwks: '/.well-known/jwks.json' },
        // §11 row 2 (claude-code#67714, claude-ai-mcp#500): a scope-less registration gets these defaults,
        // without openid; oidc-provider then answers a request for openid with invalid_scope, as Clerk does.
        scopes: CLERK_SCOPES,
        clientDefaults: { scope: CLERK_DEFAULT_DCR_SCOPE },
        resourceServer: (resource) => ({ audience: resource, scopes: CLERK_SCOPES }),
      },
      // §16 signature (promptMinder#63): Clerk's own public_metadata / private_metadata scopes.
      metadataOverrides: { scopes_supported: [...CLERK_SCOPES, 'public_metadata', 'private_metadata'] },
    },
    // A Clerk-backed MCP server asks for the OIDC scopes (the scope string of claude-code#67714).
    mcp: { requiredScopes: ['openid', 'email'] },
  };
}

export function startClerkSimulator(): Promise<IdpSimulator> {
  return startSimulatedHarness('clerk', clerkKnobs(), { clientId: '' });
}
