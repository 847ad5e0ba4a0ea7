import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IdpId } from '../../../src/core/idp/index.js';
import type { Harness, HarnessKnobs } from '../harness.js';
import { startHarness } from '../harness.js';

/** A running IdP simulator: an AS behaving like the IdP, an MCP server trusting it, and the app to log in with. */
export interface IdpSimulator extends Harness {
  idp: IdpId;
  /** The pre-registered application a user of this IdP would pass with --client-id (and a secret if any). */
  client: { clientId: string; clientSecret?: string };
  /** The exact callback port the pre-registered app allows, for IdPs that match redirect URIs exactly. */
  callbackPort?: number;
}

/** A port free right now (the OS picks it), for an exact-match redirect URI registration. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the oidc-provider based harness with a simulator's knobs. */
export async function startSimulatedHarness(idp: IdpId, knobs: HarnessKnobs, client: IdpSimulator['client'], callbackPort?: number): Promise<IdpSimulator> {
  const harness = await startHarness(knobs);
  return { ...harness, idp, client, ...(callbackPort === undefined ? {} : { callbackPort }) };
}
