import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ConfigRotationPlan } from '../core/rotate/config/config-rotation.js';
import type { SecretSite } from '../core/rotate/config/secret-site.js';
import type { ConfigRotationView } from '../output/rotate-config-human.js';
import { CliError, EXIT_CODES } from '../errors.js';
import type { RotateOptions } from './rotate.js';
import type { Runtime } from './runtime.js';

/** audit-config's detection for one file: which client it is, and its literal secrets. */
export type DetectSecrets = (file: string, text: string, now: Date) => Promise<{ isConfig: boolean; client: string; sites: SecretSite[] }>;

/** `rotate --config <file>`: dry run (masked diff) by default, --write applies. Exit 0, or 2 when refused. */
export async function runConfigRotation(options: RotateOptions, runtime: Runtime, detect: DetectSecrets = detectWithAudit): Promise<number> {
  const path = resolve(runtime.deps.cwd, options.config ?? '');
  // Paths are shown the way the user gave them: relative stays relative, absolute stays absolute.
  const display = (target: string) => (isAbsolute(options.config ?? '') ? target : relative(runtime.deps.cwd, target) || basename(target));
  const shown = display(path);
  const text = await readConfig(path, shown);
  const found = await detect(shown, text, runtime.deps.now());
  if (!found.isConfig) throw new CliError('usage', `${shown} is not an MCP client config mcpauth recognises.`, { hint: "Run 'mcpauth audit-config --help' for the files it reads." });
  const { readGitFacts } = await import('../platform/git-facts.js');
  const { readTextOrEmpty } = await import('../platform/config-files.js');
  const { planConfigRotation } = await import('../core/rotate/config/config-rotation.js');
  const { gitignoreEntryFor } = await import('../core/rotate/config/gitignore-entry.js');
  const facts = await readGitFacts(dirname(path));
  const dotenvPath = dotenvPathFor(path);
  const dotenv = { path: display(dotenvPath), tracked: await facts.isTracked(dotenvPath), ignored: facts.root === undefined || (await facts.isIgnored(dotenvPath)) };
  const committedSecrets = await facts.committedSecrets(path, found.sites.map((site) => site.secret));
  const planWith = (dotenvText: string) => planConfigRotation({ file: shown, client: found.client, text, sites: found.sites, target: options.to, dotenv: { ...dotenv, text: dotenvText }, committedSecrets });
  let plan = planWith(await readTextOrEmpty(dotenvPath));
  const ignoreEntry = plan.needsIgnoreEntry && facts.root !== undefined ? gitignoreEntryFor(relative(facts.root, dotenvPath)) : undefined;
  if (plan.needsIgnoreEntry && facts.root !== undefined && ignoreEntry === undefined) throw new CliError('usage', `the path of ${dotenv.path} holds a line break, so it cannot be added to .gitignore safely.`, { hint: 'Rename the directory, or use --to print.' });
  const write = options.write && plan.refusal === undefined && plan.moved.length > 0;
  if (write) plan = await apply({ path, shown, text, dotenvPath, root: facts.root, ignoreEntry, followSymlinks: options.followSymlinks === true }, planWith);
  const written = write && plan.refusal === undefined;
  const view: ConfigRotationView = { plan, written, oauthServers: await oauthServers(found, text, shown, runtime), ...(ignoreEntry === undefined ? {} : { ignoreEntry }) };
  await render(view, runtime);
  return plan.refusal === undefined ? EXIT_CODES.ok : EXIT_CODES.usage;
}

async function readConfig(path: string, shown: string): Promise<string> {
  const { readConfigFile } = await import('../platform/config-files.js');
  try {
    return await readConfigFile(path);
  } catch (error) {
    throw new CliError('usage', `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { hint: 'Pass the path of an MCP client config, e.g. --config .mcp.json' });
  }
}

/** `.vscode/mcp.json`, `.cursor/mcp.json`, `.codex/config.toml`: the .env goes to the project root beside the dot-folder. */
function dotenvPathFor(configPath: string): string {
  const dir = dirname(configPath);
  return join(basename(dir).startsWith('.') ? dirname(dir) : dir, '.env');
}

interface ApplyTarget {
  path: string;
  shown: string;
  /** The config text the plan was made from. */
  text: string;
  dotenvPath: string;
  root: string | undefined;
  ignoreEntry: string | undefined;
  followSymlinks: boolean;
}

/**
 * Under the project lock, through the safe writer: every target is checked first (no symlink, inside
 * the project), the plan is made again from the .env as it is now (a concurrent run may have added to
 * it), then .gitignore, the 0600 .env and the config are replaced in that order, each atomically.
 */
async function apply(target: ApplyTarget, planWith: (dotenvText: string) => ConfigRotationPlan): Promise<ConfigRotationPlan> {
  const { createSafeWriter } = await import('../platform/safe-write.js');
  const { addGitignoreEntry } = await import('../core/rotate/config/gitignore-entry.js');
  const writer = createSafeWriter({ root: target.root ?? dirname(target.dotenvPath), followSymlinks: target.followSymlinks });
  const gitignore = target.root === undefined ? undefined : join(target.root, '.gitignore');
  return writer.locked(async () => {
    await writer.check([...(gitignore === undefined ? [] : [gitignore]), target.dotenvPath, target.path]);
    if ((await writer.read(target.path)) !== target.text) {
      throw new CliError('busy', `${target.shown} changed while mcpauth was reading it; nothing was written.`, { hint: 'Run the command again.' });
    }
    const plan = planWith((await writer.read(target.dotenvPath)) ?? '');
    if (plan.refusal !== undefined) return plan;
    if (plan.target === 'env') {
      if (plan.needsIgnoreEntry && gitignore !== undefined && target.ignoreEntry !== undefined) await writer.write(gitignore, addGitignoreEntry((await writer.read(gitignore)) ?? '', target.ignoreEntry));
      if (plan.dotenvText !== undefined) await writer.write(target.dotenvPath, plan.dotenvText, { private: true });
    }
    if (plan.changed) await writer.write(target.path, plan.configText);
    return plan;
  });
}

/** Probe (RFC 9728 PRM) each remote server whose secret moved; an AS listed there means OAuth works. */
async function oauthServers(found: { sites: SecretSite[] }, text: string, file: string, runtime: Runtime): Promise<string[]> {
  const { remoteServerUrls } = await import('../core/rotate/config/server-urls.js');
  const { discoverProtectedResource } = await import('../core/discovery/index.js');
  const urls = remoteServerUrls(file, text, found.sites);
  const results = await Promise.all(urls.map(async (url) => ((await discoverProtectedResource(url, {}, { fetch: runtime.http.fetch }).catch(() => undefined))?.authorizationServers.length ?? 0) > 0));
  return urls.filter((_, index) => results[index]);
}

async function render(view: ConfigRotationView, runtime: Runtime): Promise<void> {
  if (runtime.globals.json) {
    const { renderConfigRotationJson } = await import('../output/rotate-config-json.js');
    runtime.deps.io.stdout.write(renderConfigRotationJson(view));
    return;
  }
  const { renderConfigRotationHuman } = await import('../output/rotate-config-human.js');
  runtime.deps.io.stdout.write(renderConfigRotationHuman(view, runtime.style, runtime.shell));
}

/** audit-config's scanner (one detector set, not a copy): its secret findings become rewrite sites. */
async function detectWithAudit(file: string, text: string, now: Date): Promise<{ isConfig: boolean; client: string; sites: SecretSite[] }> {
  const { scanFileText } = await import('../core/audit/scan-file.js');
  const { sitesFromFindings } = await import('../core/rotate/config/sites-from-findings.js');
  const scan = scanFileText(file, text, now);
  const secrets = scan.findings.filter((finding) => finding.category === 'secret');
  return { isConfig: scan.isConfig, client: secrets[0]?.client ?? scan.findings[0]?.client ?? 'generic', sites: sitesFromFindings(text, secrets) };
}
