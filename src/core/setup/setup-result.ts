/** What `setup` did or would do, for the human and JSON renderers. */
export interface SetupResult {
  client: string;
  scope: 'user' | 'project';
  file: string;
  name: string;
  mode: 'url' | 'proxy';
  entry: Record<string, unknown>;
  change: 'added' | 'updated' | 'unchanged';
  written: boolean;
  diff: string;
  reasons: string[];
  redirectUris: string[];
  /** 'needed': the proxy entry has no stored credential yet (dry run or --no-login). */
  login: 'done' | 'needed' | 'not-needed';
  docs: readonly string[];
}

/** One row of `setup --list`. */
export interface SetupListRow {
  client: string;
  oauth: 'proxy' | 'native' | 'native (client_id in file)';
  project: string | undefined;
  user: { linux: string | undefined; darwin: string | undefined; win32: string | undefined };
  docs: string | undefined;
}
