import {
  allowInsecureRequests,
  ClientSecretBasic,
  customFetch,
  introspectionRequest,
  None,
  processIntrospectionResponse,
  type AuthorizationServer,
  type ClientAuth,
} from 'oauth4webapi';
import type { HttpClient } from '../http/client.js';
import type { JsonObject } from './decode-token.js';

/** An AS that offers RFC 7662 introspection, and the client credentials to call it with. */
export interface IntrospectionTarget {
  issuer: string;
  endpoint: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The endpoint is loopback or --allow-http was given (our HTTP client enforces the policy itself). */
  allowInsecure: boolean;
}

export type IntrospectionOutcome =
  | { status: 'answered'; response: JsonObject }
  | { status: 'failed'; reason: string };

/** RFC 7662 §2.1 with oauth4webapi: the request/process pair, fetch injected. */
export async function introspectToken(token: string, target: IntrospectionTarget, fetch: HttpClient['fetch']): Promise<IntrospectionOutcome> {
  const as: AuthorizationServer = { issuer: target.issuer, introspection_endpoint: target.endpoint };
  const client = { client_id: target.clientId };
  // RFC 7662 §2.1: the endpoint requires client authentication; a public client can only try.
  const auth: ClientAuth = target.clientSecret === undefined ? None() : ClientSecretBasic(target.clientSecret);
  try {
    const response = await introspectionRequest(as, client, auth, token, {
      [customFetch]: fetch as never,
      ...(target.allowInsecure ? { [allowInsecureRequests]: true } : {}),
    });
    const result = await processIntrospectionResponse(as, client, response);
    return { status: 'answered', response: { ...result } };
  } catch (error) {
    return { status: 'failed', reason: describeOAuthError(error) };
  }
}

function describeOAuthError(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const e = error as { error?: unknown; error_description?: unknown; status?: unknown; message?: unknown };
    if (typeof e.error === 'string') {
      const description = typeof e.error_description === 'string' ? `: ${e.error_description}` : '';
      return `the introspection endpoint answered ${typeof e.status === 'number' ? `${e.status} ` : ''}${e.error}${description}`;
    }
    if (typeof e.message === 'string') return e.message;
  }
  return String(error);
}
