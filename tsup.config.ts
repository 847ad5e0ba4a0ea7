import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * commander requires child_process at load time for git-style executable subcommands, which
 * mcpauth never uses; loading it costs several ms of every start. Hand commander a proxy that
 * loads the real module only if it is ever touched.
 */
const lazyChildProcess: EsbuildPlugin = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => { if (typeof key !== 'string' || key === '__esModule') return undefined; return require('node:child_process')[key]; } });",
      loader: 'js',
    }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  // Stage two: the CLI (main) in chunks; describe-startup only feeds the manifest of stage one below;
  // complete-servers is what stage one runs for the completion scripts' `mcpauth __complete-servers`.
  entry: { main: 'src/main.ts', 'describe-startup': 'src/startup/describe-startup.ts', 'complete-servers': 'src/commands/complete-servers.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  // One bundle with code splitting: commands load their heavy modules with `await import()`,
  // which become separate chunks, so `--help` and `--version` never pay for them.
  splitting: true,
  // Bundling every dependency halves start-up cost (fewer module resolutions); see
  // ../shared/reference/dependency-notes.md §6.2. The native keychain addon cannot be bundled.
  noExternal: [/^(?!@napi-rs\/keyring)/],
  external: ['@napi-rs/keyring'],
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __mcpauthCreateRequire } from 'node:module'; const require = __mcpauthCreateRequire(import.meta.url);",
  },
  esbuildPlugins: [lazyChildProcess],
  removeNodeProtocol: false,
  define: { __MCPAUTH_VERSION__: JSON.stringify(pkg.version) },
  minify: true,
  // Shipped, not loaded: an internal error's --verbose trace is mapped back to src/ by reading them
  // (src/platform/source-mapped-stack.ts), so start-up never pays for source-map support.
  sourcemap: true,
  dts: false,
  onSuccess: buildStageOne,
});

/**
 * Stage one, dist/start.js: one small file that answers --version, --help and one-token usage errors
 * from a manifest of the command tree (read from the stage-two build just made), and imports
 * dist/main.js for everything else. bin/mcpauth.js runs it.
 */
async function buildStageOne(): Promise<void> {
  const { describeStartup } = (await import(pathToFileURL(`${process.cwd()}/dist/describe-startup.js`).href)) as typeof import('./src/startup/describe-startup.js');
  await build({
    entryPoints: ['src/startup/start.ts'],
    outfile: 'dist/start.js',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: true,
    logLevel: 'error',
    define: { __MCPAUTH_STARTUP__: JSON.stringify(describeStartup()) },
  });
}
