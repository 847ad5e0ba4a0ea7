import { isAbsolute, join } from 'node:path';
import { CLIENT_LIST, CLIENTS, getClient, resolveLocation, type ClientId, type FileLocation, type HostFacts, type Platform } from '../clients/index.js';
import type { ClientWriter, SetupScope } from './client-writer.js';
import type { SetupListRow } from './setup-result.js';

/** Every client `setup` can write: the registry entries that carry a writer, in registry order. */
export const SETUP_WRITERS: readonly ClientWriter[] = CLIENT_LIST.flatMap((client) => (client.setup === undefined ? [] : [client.setup]));

export function getWriter(id: string): ClientWriter | undefined {
  return getClient(id)?.setup;
}

const EXTENSIONS: Record<ClientWriter['format'], RegExp> = { json: /\.json$/, jsonc: /\.jsonc?$/, toml: /\.toml$/, yaml: /\.ya?ml$/ };

/** The registry's user files for this client (plus the writer's extras), in the format the writer edits. */
function userLocations(writer: ClientWriter): FileLocation[] {
  const registered = CLIENTS[writer.id as ClientId]?.userFiles ?? [];
  // VS Code's user settings.json also holds `mcp` (legacy); setup writes the dedicated mcp.json.
  return [...registered, ...(writer.extraUserFiles ?? [])].filter((location) => location.folder !== true && EXTENSIONS[writer.format].test(location.path) && !(writer.id === 'vscode' && /settings\.json$/.test(location.path)));
}

/** The file `setup` edits for this scope, or undefined when the client has none there (on this OS). */
export function targetFile(writer: ClientWriter, scope: SetupScope, host: HostFacts, projectRoot: string, name: string): string | undefined {
  if (scope === 'project') {
    if (writer.projectFile === undefined) return undefined;
    const relative = writer.projectFile.replace('{name}', name);
    return isAbsolute(relative) ? relative : join(projectRoot, relative);
  }
  for (const location of userLocations(writer)) {
    const path = resolveLocation(location, host);
    if (path !== undefined) return path;
  }
  return undefined;
}

/** `setup --list`: where each client's user file lives on each OS (with ~ and the OS's variables). */
export function userFileTable(writer: ClientWriter): Record<Platform, string | undefined> {
  const shown = (platform: Platform): string | undefined => {
    const home = platform === 'win32' ? '%USERPROFILE%' : '~';
    const env = platform === 'win32' ? { APPDATA: '%APPDATA%', LOCALAPPDATA: '%LOCALAPPDATA%' } : {};
    for (const location of userLocations(writer)) {
      const path = resolveLocation(location, { platform, home, env });
      if (path !== undefined) return path;
    }
    return undefined;
  };
  return { linux: shown('linux'), darwin: shown('darwin'), win32: shown('win32') };
}

/** The `setup --list` rows. */
export function setupListRows(): SetupListRow[] {
  return SETUP_WRITERS.map((writer) => ({
    client: writer.id,
    oauth: writer.native === undefined ? 'proxy' : writer.native.takesClientId ? 'native (client_id in file)' : 'native',
    project: writer.projectFile,
    user: userFileTable(writer),
    docs: writer.docs[0],
  }));
}
