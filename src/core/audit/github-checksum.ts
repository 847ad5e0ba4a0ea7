import { crc32 } from 'node:zlib';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/**
 * GitHub's 2021 token format (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm's (`npm_`) end in
 * a 6-character base62 CRC32 of the 30 random characters before it
 * (github.blog "Behind GitHub's new authentication token formats"). A match that fails the
 * checksum is a sample or a truncated token, not a live credential.
 */
export function hasValidGithubChecksum(token: string): boolean {
  const match = /^(?:gh[pousr]|npm)_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/.exec(token);
  if (!match) return false;
  return base62(crc32(match[1] ?? ''), 6) === match[2];
}

/** Builds a token with a valid checksum (for fixtures and the demo; never a real credential). */
export function withGithubChecksum(prefix: string, random30: string): string {
  return `${prefix}_${random30}${base62(crc32(random30), 6)}`;
}
