import * as oauth from 'oauth4webapi';
import { CliError } from '../../errors.js';

/**
 * Client authentication at the token endpoint, by the method the registration names (RFC 7591 §2: the
 * DCR response is authoritative; the conformance scenarios token-endpoint-auth-* check we honour it).
 */
export function clientAuthFor(method: string | undefined, secret: string | undefined): oauth.ClientAuth {
  switch (method ?? (secret === undefined ? 'none' : 'client_secret_basic')) {
    case 'none':
      return oauth.None();
    case 'client_secret_basic':
      return clientSecretBasic(requireSecret(method, secret));
    case 'client_secret_post':
      return oauth.ClientSecretPost(requireSecret(method, secret));
    default:
      throw new CliError('not-available', `the client is registered for token_endpoint_auth_method "${method}", which mcpauth does not support yet.`, {
        hint: 'Use a client registered for none, client_secret_basic or client_secret_post.',
      });
  }
}

function requireSecret(method: string | undefined, secret: string | undefined): string {
  if (secret !== undefined && secret !== '') return secret;
  throw new CliError('usage', `the client uses ${method}, but no client secret was given.`, {
    hint: 'Pass --client-secret-stdin, --client-secret-file or --client-secret-env.',
  });
}

/** RFC 6749 Appendix B: application/x-www-form-urlencoded, which leaves - . _ * alone. */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/**
 * RFC 6749 §2.3.1 client_secret_basic. oauth4webapi also percent-encodes "-", "." and "_", which a
 * compliant AS decodes back, but many (the conformance mock among them) compare the raw string, so
 * `pre-registered-client` arrived as `pre%2Dregistered%2Dclient`. The form encoding is the RFC's own.
 */
function clientSecretBasic(secret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const credentials = `${formEncode(client.client_id)}:${formEncode(secret)}`;
    headers.set('authorization', `Basic ${Buffer.from(credentials).toString('base64')}`);
  };
}
