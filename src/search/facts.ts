// Per-archive facts about reports that every search needs; the archive keeps them (see index/report-facts.ts).
import type { ArchiveStore } from '../index/archive.ts';
import type { ReportFacts } from '../index/report-facts.ts';

export type { ReportFacts } from '../index/report-facts.ts';
export { UNKNOWN_SOURCE, UNKNOWN_YEAR } from '../index/report-facts.ts';

/** The facts of `store`'s reports: normalised titles and sources, date keys and facet keys. */
export function reportFacts(store: ArchiveStore): ReportFacts {
  return store.facts;
}
