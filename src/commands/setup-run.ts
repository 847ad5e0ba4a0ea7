import { realpath } from 'node:fs/promises';
import { homedir, platform } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ClientWriter, SetupEntry } from '../core/setup/client-writer.js';
import type { ServerFacts, SetupPlan } from '../core/setup/plan-setup.js';
import type { SetupResult } from '../core/setup/setup-result.js';
import { CliError } from '../errors.js';
import { VERSION } from '../version.js';
import type { SetupOptions } from './setup.js';
import type { Runtime } from './runtime.js';

type Resolved = SetupOptions & { client: string; url: string };

export async function performSetup(writer: ClientWriter, options: Resolved, runtime: Runtime): Promise<number> {
  const { defaultServerName, planSetup } = await import('../core/setup/plan-setup.js');
  const name = options.name ?? defaultServerName(options.url);
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new CliError('usage', `--name ${name} is not a usable server name.`, { hint: 'Use letters, digits, dot, dash and underscore.' });
  const facts = await probeFacts(options.url, runtime);
  const { openCredentialStore } = await import('../platform/store/open-store.js');
  const store = await openCredentialStore({ env: runtime.deps.env, now: runtime.deps.now });
  const credential = await store.find(options.url);
  const storedClientId = credential?.registrationMethod === 'pre-registered' ? credential.clientId : undefined;
  const plan = planSetup(writer, facts, {
    url: options.url, name, proxyCommand: await proxyCommand(options, runtime), forceProxy: options.proxy,
    clientId: options.clientId ?? storedClientId, callbackPort: options.callbackPort,
  });
  const file = await targetPath(writer, options, name, runtime);
  const { createSafeWriter } = await import('../platform/safe-write.js');
  // The one safe writer: no symlink followed, nothing outside the root, atomic, mode kept, project lock.
  const safe = createSafeWriter({ root: writeRoot(file, options, runtime) });
  const before = (await safe.read(file)) ?? '';
  const after = await placeEntry(writer, plan, before, file, options.scope);
  const { maskedSetupDiff } = await import('../core/setup/setup-diff.js');
  const needsLogin = plan.entry.kind === 'proxy' && facts?.requiresAuth === true && credential === undefined;
  let login: SetupResult['login'] = needsLogin ? 'needed' : 'not-needed';
  if (options.write && needsLogin && options.login) {
    const { loginForSetup } = await import('./setup-login.js');
    await loginForSetup(options, runtime, store);
    login = 'done';
  }
  const written = options.write && after.change !== 'unchanged';
  if (written) {
    await safe.locked(async () => {
      // Read again under the lock: another run may have changed the file since the dry-run read.
      const current = await placeEntry(writer, plan, (await safe.read(file)) ?? '', file, options.scope);
      if (current.change !== 'unchanged') await safe.write(file, current.after);
    });
  }
  const result: SetupResult = {
    client: writer.id, scope: options.scope, file, name, mode: plan.entry.kind, entry: writer.entry(plan.entry), change: after.change, written,
    diff: maskedSetupDiff(file, before, after.after, runtime.deps.now()), reasons: plan.reasons, redirectUris: plan.redirectUris, login, docs: writer.docs,
  };
  const { renderSetupHuman, renderSetupJson } = await import('../output/setup-human.js');
  runtime.deps.io.stdout.write(runtime.globals.json ? renderSetupJson(result) : renderSetupHuman(result, options.write, runtime.style));
  return 0;
}

async function placeEntry(writer: ClientWriter, plan: SetupPlan, before: string, file: string, scope: SetupOptions['scope']) {
  const { applyEntry, ConfigParseError, readDocument } = await import('../core/setup/apply-entry.js');
  try {
    const existing = readDocument(before, writer.format);
    const emptyDocument = writer.newFile?.(scope, plan.entry) ?? {};
    return applyEntry(before, { format: writer.format, serverPath: writer.serverPath(scope, existing), shape: writer.shape, name: plan.entry.name, value: writer.entry(plan.entry), emptyDocument });
  } catch (error) {
    if (error instanceof ConfigParseError) throw new CliError('usage', `${file} cannot be edited: ${error.message}.`, { hint: 'Fix the file (or pass --file to write another one); nothing was changed.' });
    throw error;
  }
}

/** The probe core, quietly: its facts decide the entry; a server that cannot be probed gets the proxy. */
async function probeFacts(url: string, runtime: Runtime): Promise<ServerFacts | undefined> {
  const { gatherEvidence } = await import('../core/probe/gather.js');
  const { runChecks } = await import('../core/probe/probe-server.js');
  const { assessCompat } = await import('../core/probe/compat.js');
  const { serverFacts } = await import('../core/setup/plan-setup.js');
  const bound = AbortSignal.any([runtime.deps.signal, AbortSignal.timeout(runtime.globals.timeoutMs * 4)]);
  try {
    const evidence = await gatherEvidence(url, { wire: '2025-11-25' }, { fetch: runtime.http.fetch, clock: runtime.deps.clock, now: runtime.deps.now, cache: new Map(), signal: bound });
    if (evidence.challenge.attempt.status === undefined) throw new Error(evidence.challenge.attempt.detail);
    return serverFacts(evidence, assessCompat(evidence, runChecks(evidence)));
  } catch (error) {
    runtime.note(runtime.errStyle.yellow(`The server could not be probed (${(error as Error).message}); writing the proxy entry.`));
    return undefined;
  }
}

/** Absolute node + our bin script (GUI clients start with a minimal PATH), or npx when asked. */
async function proxyCommand(options: Resolved, runtime: Runtime): Promise<{ command: string; args: string[] }> {
  // Pinned: an unpinned npx package is an audit-config finding (and a supply-chain risk).
  if (options.npx) return { command: 'npx', args: ['-y', `mcpauth@${VERSION}`, 'proxy', options.url] };
  const self = runtime.deps.executable;
  if (self?.script === undefined) return { command: 'mcpauth', args: ['proxy', options.url] };
  const script = await realpath(self.script).catch(() => resolve(self.script as string));
  return { command: self.node, args: [script, 'proxy', options.url] };
}

async function targetPath(writer: ClientWriter, options: Resolved, name: string, runtime: Runtime): Promise<string> {
  if (options.file !== undefined) return resolve(runtime.deps.cwd, options.file);
  const { targetFile } = await import('../core/setup/setup-targets.js');
  const env = runtime.deps.env;
  const os = platform();
  const host = { platform: os === 'darwin' || os === 'win32' ? os : 'linux', home: (os === 'win32' ? env.USERPROFILE : env.HOME) || homedir(), env } as const;
  const projectRoot = resolve(runtime.deps.cwd, options.projectDir ?? '.');
  const file = targetFile(writer, options.scope, host, projectRoot, name);
  if (file === undefined) {
    const where = options.scope === 'project' ? 'has no project file' : `has no user file on ${host.platform}`;
    throw new CliError('usage', `${writer.id} ${where}.`, { hint: options.scope === 'project' ? 'Use --scope user, or --file <path>.' : 'Pass --file <path>.' });
  }
  return file;
}

/** The folder nothing may be written outside of: the project, the home folder for user files, else the file's own. */
function writeRoot(file: string, options: Resolved, runtime: Runtime): string {
  if (options.scope === 'project' && options.file === undefined) return resolve(runtime.deps.cwd, options.projectDir ?? '.');
  const home = runtime.deps.env.HOME || runtime.deps.env.USERPROFILE || homedir();
  const rel = relative(home, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? home : dirname(file);
}
