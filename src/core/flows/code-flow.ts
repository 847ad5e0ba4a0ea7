import type * as oauth from 'oauth4webapi';
import { buildAuthorizationRequest } from './authorization-request.js';
import { exchangeCode, validateCallback } from './authorization-response.js';
import type { FlowHttp } from './oauth-options.js';

/** The loopback listener, seen from the core (src/platform/loopback-listener.ts implements it). */
export interface CallbackReceiver {
  redirectUri: string;
  waitForCallback(): Promise<URL>;
  close(): Promise<void>;
}

export interface CodeFlowInput {
  as: oauth.AuthorizationServer;
  clientId: string;
  clientAuth: oauth.ClientAuth;
  resource: string | undefined;
  scope: string | undefined;
  extraParams?: Record<string, string>;
  state: string;
  receiver: CallbackReceiver;
}

export interface CodeFlowDeps {
  http: FlowHttp;
  /** Shows and/or opens the URL; the core never decides how a browser is started. */
  presentUrl: (url: URL) => Promise<void>;
}

/** Authorization code + PKCE through the loopback redirect (client algorithm steps 5-7). */
export async function runCodeFlow(input: CodeFlowInput, deps: CodeFlowDeps): Promise<oauth.TokenEndpointResponse> {
  const { as, receiver } = input;
  try {
    const pending = await buildAuthorizationRequest({
      as,
      clientId: input.clientId,
      redirectUri: receiver.redirectUri,
      resource: input.resource,
      scope: input.scope,
      ...(input.extraParams === undefined ? {} : { extraParams: input.extraParams }),
      allowHttp: deps.http.allowHttp,
      state: input.state,
    });
    await deps.presentUrl(pending.url);
    const callback = await receiver.waitForCallback();
    const params = validateCallback(as, input.clientId, callback, pending);
    return await exchangeCode({ as, clientId: input.clientId, clientAuth: input.clientAuth, params, pending, resource: input.resource }, deps.http);
  } finally {
    await receiver.close();
  }
}
