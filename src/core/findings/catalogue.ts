import type { Severity } from './severity.js';

/** One kind of finding in a command's catalogue: its fixed severity, a title, and the next step. */
export interface CatalogueEntry {
  severity: Severity;
  title: string;
  fix: string;
}

/** A finding as reports carry it: the stable id, and a message about this case. */
export interface CatalogueFinding<Id extends string> {
  id: Id;
  severity: Severity;
  /** What is wrong here, naming the value seen and the value expected. */
  message: string;
  /** The next step, one sentence. */
  fix: string;
}

export function findingFrom<Id extends string>(catalogue: Readonly<Record<Id, CatalogueEntry>>, id: Id, message: string): CatalogueFinding<Id> {
  const entry = catalogue[id];
  return { id, severity: entry.severity, message, fix: entry.fix };
}
