import type * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';
import { checkAuthorizationRequest } from './authorization-check.js';
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
  /**
   * GET the authorization URL once before presenting it (authorization-check.ts). Only for a reused
   * registration: the AS sees that GET as an authorization request (and an auto-approving one issues a
   * code for it), so it is spent only where a forgotten client is possible.
   */
  checkFirst?: boolean;
  as: oauth.AuthorizationServer;
  clientId: string;
  clientAuth: oauth.ClientAuth;
  resource: string | undefined;
  scope: string | undefined;
  extraParams?: Record<string, string>;
  state: string;
  receiver: CallbackReceiver;
}

/** What presenting the URL can tell the flow: `abandoned` settles with a reason when the browser program failed. */
export interface PresentedUrl {
  abandoned?: Promise<string>;
}

export interface CodeFlowDeps {
  http: FlowHttp;
  /** Shows and/or opens the URL; the core never decides how a browser is started. */
  presentUrl: (url: URL) => Promise<PresentedUrl | void>;
}

/**
 * The authorization endpoint answered our request with an error page instead of a redirect, so the
 * browser would never come back. `clientRejected`: it said invalid_client / unauthorized_client.
 */
export class AuthorizationRejectedError extends CliError {
  readonly clientRejected: boolean;
  readonly detail: string;

  constructor(clientRejected: boolean, detail: string, endpoint: string) {
    super('auth', `the authorization endpoint ${endpoint} refused the request before any sign-in (${detail}), so no browser was opened.`, {
      hint: 'Run mcpauth probe on the server (with --active to test registration and the authorization request).',
    });
    this.clientRejected = clientRejected;
    this.detail = detail;
  }
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
    const check = input.checkFirst ? await checkAuthorizationRequest(pending.url, deps.http) : ({ kind: 'ok' } as const);
    if (check.kind !== 'ok') throw new AuthorizationRejectedError(check.kind === 'client-rejected', check.detail, `${pending.url.origin}${pending.url.pathname}`);
    const presented = await deps.presentUrl(pending.url);
    const callback = await waitUnlessAbandoned(receiver, presented?.abandoned);
    const params = validateCallback(as, input.clientId, callback, pending);
    return await exchangeCode({ as, clientId: input.clientId, clientAuth: input.clientAuth, params, pending, resource: input.resource }, deps.http);
  } finally {
    await receiver.close();
  }
}

/** The listener's wait, cut short when the browser program says the flow is dead (it exited with an error). */
async function waitUnlessAbandoned(receiver: CallbackReceiver, abandoned: Promise<string> | undefined): Promise<URL> {
  if (abandoned === undefined) return receiver.waitForCallback();
  const dead = abandoned.then((reason) => {
    throw new CliError('auth', `stopped waiting for the authorization response: ${reason}.`, { hint: 'Run login again, or pass --no-browser and open the printed URL yourself.' });
  });
  return Promise.race([receiver.waitForCallback(), dead]);
}
