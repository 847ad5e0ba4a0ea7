/** Headers as a plain record, or anything with the `forEach` of the Fetch standard's Headers. */
export type HeaderSource = Readonly<Record<string, string>> | { forEach(callback: (value: string, name: string) => void): void };

/**
 * Lower-case names, a repeated name joined with ", " (what Headers.get returns), without constructing
 * a `Headers`: its first use loads Node's bundled undici (about 12 MB), which the long-running proxy
 * does not otherwise need. Values with CR, LF or NUL are refused, as Headers refuses them.
 */
export function toHeaderRecord(init: HeaderSource | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const add = (value: string, name: string): void => {
    if (/[\r\n\0]/.test(value) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new TypeError(`invalid HTTP header: ${JSON.stringify(name.slice(0, 64))}`);
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  };
  if (init === undefined) return headers;
  if (typeof init.forEach === 'function') (init as { forEach(cb: (v: string, n: string) => void): void }).forEach(add);
  else for (const [name, value] of Object.entries(init as Record<string, string>)) add(String(value), name);
  return headers;
}
