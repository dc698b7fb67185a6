// Per-archive facts about reports that every search needs: normalised titles and sources, date keys.
import type { ArchiveStore } from '../index/archive.ts';
import { normalizeForMatch } from '../text/normalize.ts';

/** Report facts, computed once per archive and reused by every search of it. */
export interface ReportFacts {
  /** Normalised titles ('' when unknown). */
  titles: string[];
  /** Normalised sources ('' when unknown). */
  sources: string[];
  /** Each report's normalised source as an index into `distinctSources`, to test each source once. */
  sourceIndex: Uint32Array;
  distinctSources: string[];
  /** Comparable dates, `YYYYMMDD` with unknown parts as 0; -1 when the date is unknown. */
  dateKeys: Float64Array;
  /** Facet keys: index into `sourceNames` / `yearNames`. */
  sourceKey: Uint32Array;
  sourceNames: string[];
  yearKey: Uint32Array;
  yearNames: string[];
}

/** Facet label of a report with no source. */
export const UNKNOWN_SOURCE = '来源不详';
/** Facet label of a report with no date. */
export const UNKNOWN_YEAR = '日期不详';

const cache = new WeakMap<ArchiveStore, ReportFacts>();

function keyOf(names: string[], index: Map<string, number>, name: string): number {
  let key = index.get(name);
  if (key === undefined) {
    key = names.length;
    names.push(name);
    index.set(name, key);
  }
  return key;
}

/** The facts of `store`'s reports (cached per archive object, so a reloaded archive gets its own). */
export function reportFacts(store: ArchiveStore): ReportFacts {
  const cached = cache.get(store);
  if (cached) return cached;
  const n = store.reportCount;
  const facts: ReportFacts = {
    titles: [],
    sources: [],
    sourceIndex: new Uint32Array(n),
    distinctSources: [],
    dateKeys: new Float64Array(n),
    sourceKey: new Uint32Array(n),
    sourceNames: [],
    yearKey: new Uint32Array(n),
    yearNames: [],
  };
  const sourceIndex = new Map<string, number>();
  const yearIndex = new Map<string, number>();
  const normIndex = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const report = store.report(r);
    facts.titles.push(normalizeForMatch(report.title ?? ''));
    facts.sources.push(normalizeForMatch(report.source ?? ''));
    facts.sourceIndex[r] = keyOf(facts.distinctSources, normIndex, facts.sources[r]!);
    if (report.date) {
      const [year, month, day] = report.date.split('-').map(Number);
      facts.dateKeys[r] = (year ?? 0) * 10000 + (month ?? 0) * 100 + (day ?? 0);
    } else {
      facts.dateKeys[r] = -1;
    }
    facts.sourceKey[r] = keyOf(facts.sourceNames, sourceIndex, report.source ?? UNKNOWN_SOURCE);
    facts.yearKey[r] = keyOf(facts.yearNames, yearIndex, report.date?.slice(0, 4) ?? UNKNOWN_YEAR);
  }
  cache.set(store, facts);
  return facts;
}
