import { processRevocationResponse, WWWAuthenticateChallengeError } from 'oauth4webapi';

/** One RFC 9110 §11.6.1 challenge; scheme and parameter names are lower-cased (they are case-insensitive). */
export interface AuthChallenge {
  scheme: string;
  parameters: Readonly<Record<string, string>>;
  token68?: string;
}

export type ParsedWwwAuthenticate =
  | { kind: 'absent' }
  | { kind: 'parsed'; raw: string; challenges: AuthChallenge[] }
  | { kind: 'malformed'; raw: string; reason: string };

/** Headers longer than this are refused unparsed: no real challenge comes near it, and parsing is not linear. */
export const MAX_CHALLENGE_HEADER_CHARS = 8192;

/**
 * Parses a WWW-Authenticate header value with oauth4webapi's own challenge parser.
 *
 * Why the detour: oauth4webapi 3.8.8 exports no parser for an arbitrary header (dependency-notes
 * gotcha 13), but every `process*Response` runs it first on a non-success response and throws
 * `WWWAuthenticateChallengeError` carrying the parsed challenges. `processRevocationResponse` needs
 * nothing but a Response, so a synthetic 401 with only this header yields the library's parse, and any
 * other outcome means the library could not parse it. House style: never hand-roll challenge parsing.
 */
export async function parseWwwAuthenticate(header: string | null | undefined): Promise<ParsedWwwAuthenticate> {
  if (header === null || header === undefined) return { kind: 'absent' };
  const raw = header;
  if (raw.trim() === '') return { kind: 'malformed', raw, reason: 'the header is empty' };
  if (raw.length > MAX_CHALLENGE_HEADER_CHARS) {
    return { kind: 'malformed', raw: raw.slice(0, 200), reason: `the header is longer than ${MAX_CHALLENGE_HEADER_CHARS} characters` };
  }
  let probeResponse: Response;
  try {
    probeResponse = new Response(null, { status: 401, headers: { 'www-authenticate': raw } });
  } catch {
    return { kind: 'malformed', raw, reason: 'the header contains characters HTTP does not allow' };
  }
  try {
    await processRevocationResponse(probeResponse);
  } catch (error) {
    if (error instanceof WWWAuthenticateChallengeError) {
      const challenges = error.cause.map((c) => ({
        scheme: c.scheme.toLowerCase(),
        parameters: { ...c.parameters } as Record<string, string>,
        ...(c.token68 === undefined ? {} : { token68: c.token68 }),
      }));
      return { kind: 'parsed', raw, challenges };
    }
  }
  return { kind: 'malformed', raw, reason: 'it is not a list of RFC 9110 challenges (scheme, then name=value or name="quoted" pairs)' };
}

/** The Bearer challenge, if any (RFC 6750 §3). */
export function findBearerChallenge(parsed: ParsedWwwAuthenticate): AuthChallenge | undefined {
  return parsed.kind === 'parsed' ? parsed.challenges.find((c) => c.scheme === 'bearer') : undefined;
}
