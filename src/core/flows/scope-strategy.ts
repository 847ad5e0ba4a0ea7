/** Where the requested scope came from, for the login report. */
export type ScopeSource = 'flag' | 'challenge' | 'scopes_supported' | 'omitted';

export interface ScopeChoice {
  /** Space-separated, or undefined to omit the parameter. */
  scope: string | undefined;
  source: ScopeSource;
  /** offline_access was added because the AS advertises it (draft SEP-2207). */
  addedOfflineAccess: boolean;
}

export interface ScopeInputs {
  override?: string;
  challengeScope?: string;
  prmScopesSupported?: unknown;
  asScopesSupported?: unknown;
}

export function splitScopes(scope: string | undefined): string[] {
  return (scope ?? '').split(' ').filter((s) => s !== '');
}

/** Order-preserving union (draft [D-index L389-394], SEP-2350: previously requested ∪ challenged). */
export function unionScopes(...sets: ReadonlyArray<string | readonly string[] | undefined>): string[] {
  const out: string[] = [];
  for (const set of sets) {
    for (const scope of typeof set === 'string' ? splitScopes(set) : (set ?? [])) if (!out.includes(scope)) out.push(scope);
  }
  return out;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : undefined;
}

/**
 * MCP 2025-11-25 scope selection strategy [25-11 L335-340]: the challenge's `scope`, else every PRM
 * `scopes_supported`, else omit. `offline_access` only when the AS lists it (draft L299-313: MAY add it
 * then; the conformance scenario offline-access-not-supported fails a client that adds it otherwise).
 */
export function chooseScopes(inputs: ScopeInputs): ScopeChoice {
  let scopes: string[] | undefined;
  let source: ScopeSource;
  if (inputs.override !== undefined) {
    // An explicit --scope is taken literally: the user decided, including about offline_access.
    return { scope: splitScopes(inputs.override).join(' ') || undefined, source: 'flag', addedOfflineAccess: false };
  }
  if (inputs.challengeScope !== undefined && splitScopes(inputs.challengeScope).length > 0) {
    scopes = splitScopes(inputs.challengeScope);
    source = 'challenge';
  } else if (stringList(inputs.prmScopesSupported)?.length) {
    scopes = stringList(inputs.prmScopesSupported);
    source = 'scopes_supported';
  } else {
    return { scope: undefined, source: 'omitted', addedOfflineAccess: false };
  }
  const offline = stringList(inputs.asScopesSupported)?.includes('offline_access') === true && !scopes?.includes('offline_access');
  const final = offline ? [...(scopes ?? []), 'offline_access'] : (scopes ?? []);
  return { scope: final.join(' '), source, addedOfflineAccess: offline };
}
