// `npm run docs:tables`: regenerate the catalogue tables in docs/*.md from the catalogues.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderGeneratedBlocks } from './finding-tables.js';

const docs = new URL('../../docs/', import.meta.url).pathname;
for (const name of readdirSync(docs).filter((file) => file.endsWith('.md'))) {
  const path = join(docs, name);
  const before = readFileSync(path, 'utf8');
  const after = renderGeneratedBlocks(before);
  if (after !== before) {
    writeFileSync(path, after);
    console.log(`updated ${name}`);
  }
}
