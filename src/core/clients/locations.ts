import { posix, win32 } from 'node:path';
import type { ClientId, FileLocation, LocationBase, McpClient, Platform } from './client.js';
import { CLIENT_LIST } from './registry.js';

/** The machine a user-level scan looks at: passed in, so tests use a fake home on any OS. */
export interface HostFacts {
  platform: Platform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface UserConfigFile {
  client: ClientId;
  path: string;
  folder: boolean;
}

/** Every user-level config location of every client on this system, in registry order, no duplicates. */
export function userConfigFiles(host: HostFacts, clients: readonly McpClient[] = CLIENT_LIST): UserConfigFile[] {
  const seen = new Set<string>();
  const files: UserConfigFile[] = [];
  for (const client of clients) {
    for (const location of client.userFiles) {
      const path = resolveLocation(location, host);
      if (path === undefined || seen.has(path)) continue;
      seen.add(path);
      files.push({ client: client.id, path, folder: location.folder === true });
    }
  }
  return files;
}

export function resolveLocation(location: FileLocation, host: HostFacts): string | undefined {
  if (location.platforms && !location.platforms.includes(host.platform)) return undefined;
  const base = baseDirectory(location.base, host);
  return base === undefined ? undefined : pathFor(host.platform).join(base, ...location.path.split('/'));
}

/** Per-OS base folders (reference §1.1: %APPDATA%, ~/Library/Application Support, $XDG_CONFIG_HOME). */
export function baseDirectory(base: LocationBase, host: HostFacts): string | undefined {
  const path = pathFor(host.platform);
  const xdg = nonEmpty(host.env.XDG_CONFIG_HOME) ?? path.join(host.home, '.config');
  switch (base) {
    case 'home':
      return host.home;
    case 'xdg-config':
      return xdg;
    case 'codex-home':
      return nonEmpty(host.env.CODEX_HOME) ?? path.join(host.home, '.codex');
    case 'app-data':
      if (host.platform === 'darwin') return path.join(host.home, 'Library', 'Application Support');
      if (host.platform === 'win32') return nonEmpty(host.env.APPDATA) ?? path.join(host.home, 'AppData', 'Roaming');
      return xdg;
    case 'local-app-data':
      if (host.platform === 'win32') return nonEmpty(host.env.LOCALAPPDATA) ?? path.join(host.home, 'AppData', 'Local');
      return xdg;
  }
}

function pathFor(platform: Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
