/** "3 h 5 min", "42 s": a duration in seconds for a person (used in messages and renderers). */
export function describeDuration(seconds: number): string {
  const total = Math.abs(Math.round(seconds));
  if (total < 60) return `${total} s`;
  if (total < 3600) return `${Math.floor(total / 60)} min${total % 60 === 0 ? '' : ` ${total % 60} s`}`;
  if (total < 86400) return `${Math.floor(total / 3600)} h${total % 3600 < 60 ? '' : ` ${Math.floor((total % 3600) / 60)} min`}`;
  return `${Math.floor(total / 86400)} d${total % 86400 < 3600 ? '' : ` ${Math.floor((total % 86400) / 3600)} h`}`;
}

/** A NumericDate as an ISO 8601 UTC instant; out-of-range values are shown as the raw number. */
export function describeInstant(numericDate: number): string {
  const date = new Date(numericDate * 1000);
  return Number.isNaN(date.getTime()) ? String(numericDate) : date.toISOString().replace('.000Z', 'Z');
}

/** "in 9 min" / "3 h ago" relative to now (both in seconds). */
export function describeRelative(numericDate: number, nowSeconds: number): string {
  const delta = numericDate - nowSeconds;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${describeDuration(delta)}` : `${describeDuration(delta)} ago`;
}

/** A time claim ready to show: the raw NumericDate, the instant and how far from now. */
export interface TimeClaim {
  claim: 'iat' | 'nbf' | 'exp';
  value: number;
  at: string;
  relative: string;
}

export function describeTimeClaims(times: { issuedAt?: number | undefined; notBefore?: number | undefined; expiresAt?: number | undefined }, nowSeconds: number): TimeClaim[] {
  const entries: Array<[TimeClaim['claim'], number | undefined]> = [['iat', times.issuedAt], ['nbf', times.notBefore], ['exp', times.expiresAt]];
  return entries.flatMap(([claim, value]) => (value === undefined ? [] : [{ claim, value, at: describeInstant(value), relative: describeRelative(value, nowSeconds) }]));
}
