import type { MovedSecret } from './secret-site.js';

/**
 * Hands out environment names for one rewrite: the same secret twice gets the same name; a
 * different secret under an already taken name gets a suffix (GITHUB_TOKEN_2), so nothing is lost.
 * `taken` holds names already in the .env with other values.
 */
export function createEnvNamer(taken: ReadonlyMap<string, string> = new Map()) {
  const bySecret = new Map<string, string>();
  const used = new Map<string, string>(taken);
  return (suggestion: string, secret: string): string => {
    const known = bySecret.get(secret);
    if (known !== undefined) return known;
    let name = suggestion;
    for (let n = 2; used.has(name) && used.get(name) !== secret; n += 1) name = `${suggestion}_${n}`;
    used.set(name, secret);
    bySecret.set(secret, name);
    return name;
  };
}

export type EnvNamer = ReturnType<typeof createEnvNamer>;

export function addMoved(moved: MovedSecret[], entry: MovedSecret): void {
  if (!moved.some((existing) => existing.envName === entry.envName)) moved.push(entry);
}
