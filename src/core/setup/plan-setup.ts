import type { CompatRow, ProbeEvidence } from '../probe/report.js';
import type { ClientWriter, SetupEntry } from './client-writer.js';

/** What the probe learned that decides the entry. */
export interface ServerFacts {
  /** The server answered the unauthenticated request with 401 (it needs a credential). */
  requiresAuth: boolean;
  /** How a new client can get a client_id: RFC 7591 DCR, a metadata document (CIMD), or neither. */
  registration: 'dcr' | 'cimd' | 'none' | 'unknown';
  compat: readonly CompatRow[];
}

export interface SetupRequest {
  url: string;
  name: string;
  /** The stdio command that runs `mcpauth proxy <url>` (absolute paths, or npx). */
  proxyCommand: { command: string; args: readonly string[] };
  /** --proxy: always the proxy entry. */
  forceProxy: boolean;
  /** A pre-registered client_id (--client-id, or the one the stored credential uses). */
  clientId: string | undefined;
  callbackPort: number;
}

export interface SetupPlan {
  entry: SetupEntry;
  /** Why this entry, in words. */
  reasons: string[];
  /** Redirect URIs to register with the AS for the pre-registered client (url entries with a client_id). */
  redirectUris: string[];
}

/** RFC 8414 / draft CIMD metadata fields of the first authorization server with metadata. */
export function serverFacts(evidence: ProbeEvidence, compat: readonly CompatRow[]): ServerFacts {
  const status = evidence.challenge.attempt.status;
  const metadata = evidence.servers.find((server) => server.metadata !== undefined)?.metadata as Record<string, unknown> | undefined;
  let registration: ServerFacts['registration'] = 'unknown';
  if (metadata !== undefined) {
    if (metadata.client_id_metadata_document_supported === true) registration = 'cimd';
    else if (typeof metadata.registration_endpoint === 'string') registration = 'dcr';
    else registration = 'none';
  }
  return { requiresAuth: status === 401, registration, compat };
}

/**
 * The entry for one client: a plain url entry when the client runs OAuth itself and the probe says
 * its generation works with this server (and it can get a client_id: DCR, CIMD, or a pre-registered
 * id written in its own syntax); otherwise a stdio entry running `mcpauth proxy`.
 */
export function planSetup(writer: ClientWriter, facts: ServerFacts | undefined, request: SetupRequest): SetupPlan {
  const proxy = (reason: string): SetupPlan => ({
    entry: { kind: 'proxy', name: request.name, url: request.url, ...request.proxyCommand },
    reasons: [reason],
    redirectUris: [],
  });
  if (request.forceProxy) return proxy('--proxy was given.');
  const native = writer.native;
  if (native === undefined) return proxy(`${writer.id}'s documentation gives it no way to run OAuth for a remote server itself, so the proxy entry is written.`);
  if (facts === undefined) return proxy('the server could not be probed, so the proxy (which handles every case) is written.');
  const row = facts.compat.find((candidate) => candidate.client === native.generation);
  if (row?.verdict === 'fails') return proxy(`the probe says ${native.generation} clients fail with this server (${row.reason}).`);
  const url: SetupEntry = { kind: 'url', name: request.name, url: request.url, callbackPort: request.callbackPort };
  if (!facts.requiresAuth) return { entry: url, reasons: ['the server did not ask for authorization.'], redirectUris: [] };
  if (facts.registration === 'dcr' || facts.registration === 'cimd') {
    const how = facts.registration === 'dcr' ? 'dynamic client registration' : 'a client ID metadata document';
    return { entry: url, reasons: [`${writer.id} authorizes remote servers itself and the authorization server offers ${how}.`], redirectUris: [] };
  }
  if (request.clientId === undefined) {
    return proxy('the authorization server offers no dynamic registration and no client_id is known: pass --client-id, or use the proxy (mcpauth login handles pre-registered clients).');
  }
  if (!native.takesClientId) return proxy(`the authorization server needs a pre-registered client and ${writer.id}'s file has no field for a client_id.`);
  return {
    entry: { ...url, clientId: request.clientId },
    reasons: [`${writer.id} authorizes remote servers itself; the pre-registered client_id is written in its own syntax.`],
    redirectUris: native.redirectUris(request.callbackPort),
  };
}

/** A server name for the entry: the URL's host, made into a key (mcp.example.com -> mcp-example-com). */
export function defaultServerName(url: string): string {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'mcp-server';
}
