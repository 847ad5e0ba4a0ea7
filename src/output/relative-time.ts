/** "in 9 min", "3 h ago": coarse on purpose, status is read at a glance. */
export function formatRelativeSeconds(seconds: number): string {
  const magnitude = Math.abs(seconds);
  const text =
    magnitude < 60 ? `${magnitude} s`
    : magnitude < 3600 ? `${Math.round(magnitude / 60)} min`
    : magnitude < 172_800 ? `${Math.round(magnitude / 3600)} h`
    : `${Math.round(magnitude / 86_400)} d`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/** "2026-12-03 09:41 UTC": the absolute half of the one time format (minutes, UTC, no 'T'). */
export function formatUtcMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The one time format for people (docs/cli-contract.md): relative, with the absolute UTC time beside it,
 * "in 9 min (2026-12-03 09:41 UTC)", "3 h ago (2026-12-03 06:12 UTC)". JSON keeps RFC 3339.
 */
export function formatWhen(iso: string, now: Date): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  return Number.isFinite(seconds) ? `${formatRelativeSeconds(seconds)} (${formatUtcMinute(iso)})` : iso;
}
