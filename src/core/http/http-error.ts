/** Why an HTTP exchange produced no usable response. A stable code to branch on, never the message. */
export type HttpFailureCode =
  | 'timeout'
  | 'dns'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls'
  | 'too-large'
  | 'insecure-http'
  | 'invalid-url'
  /** A server-supplied URL leads to a private, loopback, link-local or metadata address (address-guard.ts). */
  | 'private-address'
  | 'cancelled'
  | 'network';

export class HttpError extends Error {
  readonly code: HttpFailureCode;
  readonly url: string;
  /** For TLS failures, the OpenSSL / Node code (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, …). */
  readonly detailCode: string | undefined;

  constructor(code: HttpFailureCode, url: string, message: string, options: { cause?: unknown; detailCode?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.code = code;
    this.url = url;
    this.detailCode = options.detailCode;
  }
}

const TLS_MESSAGES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'a self-signed certificate is in the chain',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate chain is incomplete or untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate issuer is not trusted here',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate issuer could not be found',
  CERT_REVOKED: 'the certificate was revoked',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port',
};

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns what fetch threw into an HttpError with a code a user (and a finding) can act on. */
export function classifyFetchError(error: unknown, url: string): HttpError {
  if (error instanceof HttpError) return error;
  // A refusal made while connecting (the address rule at connect time) arrives as fetch's network failure.
  if (error instanceof Error && error.cause instanceof HttpError) return error.cause;
  // The Fetch standard blocks some ports outright (9, 25, 6000, …): no connection is even tried.
  if (error instanceof Error && error.cause instanceof Error && error.cause.message === 'bad port') {
    return new HttpError('network', url, 'fetch never connects to this port (it is on the Fetch standard\'s list of blocked ports)', { cause: error });
  }
  const code = causeCode(error);
  if (code && (code in TLS_MESSAGES || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
    const reason = TLS_MESSAGES[code] ?? 'the TLS handshake failed';
    return new HttpError('tls', url, `TLS error: ${reason} (${code})`, { cause: error, detailCode: code });
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HttpError('dns', url, 'the host name could not be resolved', { cause: error, detailCode: code });
    case 'ECONNREFUSED':
      return new HttpError('connection-refused', url, 'the connection was refused (is the server running on that port?)', { cause: error, detailCode: code });
    case 'ECONNRESET':
    case 'EPIPE':
      return new HttpError('connection-reset', url, 'the server closed the connection', { cause: error, detailCode: code });
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new HttpError('timeout', url, 'the server did not answer in time', { cause: error, detailCode: code });
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new HttpError('network', url, `the request failed: ${message}`, { cause: error, detailCode: code });
    }
  }
}
