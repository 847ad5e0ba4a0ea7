import type { Express, NextFunction, Request, Response } from 'express';
import { fetchAsMetadata } from './as-metadata-fetch.js';
import type { McpServerKnobs, PrmLocation } from './mcp-server-knobs.js';

const PRM_SUFFIX = '/.well-known/oauth-protected-resource';

/** Path of the PRM document for a location (RFC 9728 §3.1: drop a terminating slash before inserting). */
export function prmPath(location: PrmLocation, mcpPath: string): string | undefined {
  const path = mcpPath.replace(/\/$/, '');
  switch (location) {
    case 'path':
      return `${PRM_SUFFIX}${path}`;
    case 'root':
      return PRM_SUFFIX;
    case 'appended':
      return `${path}${PRM_SUFFIX}`;
    case 'none':
      return undefined;
  }
}

export function prmLocations(knobs: McpServerKnobs): PrmLocation[] {
  const location = knobs.prm?.location ?? 'path';
  return Array.isArray(location) ? location : [location];
}

export function prmDocument(knobs: McpServerKnobs, mcpUrl: string, scopes: string[]): Record<string, unknown> {
  const prm = knobs.prm ?? {};
  const doc: Record<string, unknown> = {
    resource: prm.resource ?? mcpUrl,
    authorization_servers: prm.authorizationServers ?? (knobs.issuer ? [knobs.issuer] : []),
    scopes_supported: prm.scopesSupported === undefined ? scopes : prm.scopesSupported,
    bearer_methods_supported: ['header'],
    resource_name: 'mcpauth test harness',
  };
  for (const [key, value] of Object.entries(prm.overrides ?? {})) doc[key] = value;
  for (const key of Object.keys(doc)) if (doc[key] === null) delete doc[key];
  return doc;
}

export function mountMetadataRoutes(app: Express, knobs: McpServerKnobs, mcpUrl: string, scopes: string[]): void {
  const mcpPath = new URL(mcpUrl).pathname;
  for (const location of prmLocations(knobs)) {
    const path = prmPath(location, mcpPath);
    if (path) app.get(path, (_req, res) => sendPrm(res, knobs, mcpUrl, scopes));
  }
  if (knobs.legacyMetadataAtOrigin) {
    app.get('/.well-known/oauth-authorization-server', async (_req, res, next) => {
      try {
        if (!knobs.issuer) throw new Error('legacyMetadataAtOrigin needs knobs.issuer');
        res.json(await fetchAsMetadata(knobs.issuer));
      } catch (err) {
        next(err);
      }
    });
  }
}

function sendPrm(res: Response, knobs: McpServerKnobs, mcpUrl: string, scopes: string[]): void {
  const prm = knobs.prm ?? {};
  const body = prm.body ?? JSON.stringify(prmDocument(knobs, mcpUrl, scopes));
  res.status(prm.status ?? 200).type(prm.contentType ?? 'application/json').send(body);
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers':
    'Authorization, Content-Type, Accept, MCP-Protocol-Version, Mcp-Session-Id, Mcp-Method, Mcp-Name, Last-Event-ID',
  // Browser clients can only read resource_metadata from the 401 if the header is exposed (I90).
  'Access-Control-Expose-Headers': 'WWW-Authenticate, Mcp-Session-Id',
};

export function corsMiddleware(req: Request, res: Response, next: NextFunction): void {
  res.set(CORS_HEADERS);
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
}

export function delayMiddleware(ms: number) {
  return (_req: Request, _res: Response, next: NextFunction) => {
    setTimeout(next, ms);
  };
}
