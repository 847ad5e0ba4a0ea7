import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The non-secret metadata file in the store's home (conf's configName 'credentials'). */
export const METADATA_FILE_NAME = 'credentials.json';

/**
 * Where conf would put mcpauth's config (env-paths' rule), decided here so the path is known, and
 * checked, before conf reads anything.
 */
export function defaultStoreHome(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Preferences', 'mcpauth');
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'mcpauth', 'Config');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mcpauth');
}

/** MCPAUTH_HOME when set, else the default above. */
export function storeHome(env: Readonly<Record<string, string | undefined>>): string {
  return env.MCPAUTH_HOME ? resolve(env.MCPAUTH_HOME) : defaultStoreHome(env);
}
