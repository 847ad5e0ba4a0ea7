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
