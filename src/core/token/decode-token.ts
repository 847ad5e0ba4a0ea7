import { base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import { jsonTextTooDeep, MAX_JSON_DEPTH } from '../json/json-depth.js';

/** A JSON object as it came out of the token: values are untrusted and may be of any JSON type. */
export type JsonObject = Record<string, unknown>;

export type DecodedToken =
  | { format: 'jwt'; header: JsonObject; claims: JsonObject }
  | { format: 'opaque'; header: JsonObject | undefined; reason: string }
  | { format: 'malformed'; reason: string };

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MAX_TOKEN_CHARS = 64 * 1024;

/** Trims what a copy-paste adds around a token: whitespace, quotes, a "Bearer " prefix. */
export function normalizeTokenInput(raw: string): string {
  let token = raw.trim();
  if (/^["'].*["']$/s.test(token) && token.length >= 2) token = token.slice(1, -1).trim();
  return token.replace(/^bearer\s+/i, '');
}

/**
 * Decodes without verifying (jose decodeProtectedHeader/decodeJwt). A compact JWS that starts like a
 * JSON header but does not decode is malformed; anything else that is a valid b64token is opaque
 * (a reference token, RFC 6749 §1.4), and a 5-part JWE is opaque to everyone but its issuer.
 */
export function decodeToken(token: string): DecodedToken {
  if (token.length === 0) return { format: 'malformed', reason: 'the token is empty' };
  if (token.length > MAX_TOKEN_CHARS) return { format: 'malformed', reason: `the token is longer than ${MAX_TOKEN_CHARS} characters` };
  if (!B64TOKEN.test(token)) {
    return { format: 'malformed', reason: 'it contains characters a bearer token cannot have (RFC 6750 §2.1: letters, digits, -._~+/ and trailing =)' };
  }
  const parts = token.split('.');
  if (parts.length === 5) return { format: 'opaque', header: tryHeader(token), reason: 'it is an encrypted JWT (JWE): only its issuer can read it' };
  if (parts.length !== 3 || !parts[0]?.startsWith('eyJ')) {
    return { format: 'opaque', header: undefined, reason: 'it is not a JWT: a reference token only its authorization server can read' };
  }
  // The decoded JSON is at most 48 KiB; its nesting is checked before anything recurses over it.
  if (parts.slice(0, 2).some((part) => jsonTextTooDeep(base64urlText(part)))) {
    return { format: 'malformed', reason: `its JWT header or claims nest JSON deeper than ${MAX_JSON_DEPTH} levels` };
  }
  let header: JsonObject;
  try {
    header = { ...decodeProtectedHeader(token) };
  } catch (error) {
    return { format: 'malformed', reason: `its JWT header does not decode (${joseMessage(error)})` };
  }
  try {
    return { format: 'jwt', header, claims: { ...decodeJwt(token) } };
  } catch (error) {
    return { format: 'malformed', reason: `its JWT claims do not decode (${joseMessage(error)})` };
  }
}

function tryHeader(token: string): JsonObject | undefined {
  try {
    return { ...decodeProtectedHeader(token) };
  } catch {
    // A JWE whose header does not decode is still unreadable to us: the reason already says so.
    return undefined;
  }
}

function base64urlText(part: string): string {
  try {
    return new TextDecoder().decode(base64url.decode(part));
  } catch {
    return '';
  }
}

function joseMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
