import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A stack trace of the minified bundle, with every frame in dist/ pointed back at src/ through the
 * shipped `.map` files. Node applies source maps only to modules loaded while `--enable-source-maps`
 * was on (enabling it later does not help), and turning it on at start-up slows every run; so the maps
 * are read here, only when an internal error's trace is printed. A frame without a map stays as it is.
 */
export function sourceMappedStack(error: Error): string {
  const stack = error.stack ?? `${error.name}: ${error.message}`;
  const maps = new Map<string, SourceMap | undefined>();
  return stack
    .split('\n')
    .map((line) => mapFrame(line, maps))
    .join('\n');
}

// "    at fn (file:///…/dist/chunk-X.js:2:9869)" or "    at file:///…/dist/main.js:1:44"
const FRAME = /^(\s*at (?:.*? \()?)((?:file:\/\/)?\/[^\s():]+\.m?js):(\d+):(\d+)(\)?)$/;

function mapFrame(line: string, maps: Map<string, SourceMap | undefined>): string {
  const match = FRAME.exec(line);
  if (!match) return line;
  const [, head, location, row, column, tail] = match as unknown as [string, string, string, string, string, string];
  const file = location.startsWith('file://') ? fileURLToPath(location) : location;
  if (!maps.has(file)) maps.set(file, loadMap(file));
  const entry = maps.get(file)?.findEntry(Number(row) - 1, Number(column) - 1);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return line;
  const source = entry.originalSource.replace(/^(?:file:\/\/)?(?:\.\.\/)+/, '');
  return `${head}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${tail}`;
}

function loadMap(file: string): SourceMap | undefined {
  const mapFile = `${file}.map`;
  if (!existsSync(mapFile)) return undefined;
  try {
    return new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    // An unreadable map: the frame keeps its bundle position, which is still a usable report.
    return undefined;
  }
}
