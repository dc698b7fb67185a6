// A benchmark query read once for the baselines: literals per clause and filters, as baoku reads it.
import type { ArchiveStore } from '../../src/index/archive.ts';
import { parseQuery, type QueryFilters } from '../../src/search/query.ts';
import { normalizeForMatch } from '../../src/text/normalize.ts';
import { looksLikePinyin } from '../../src/text/pinyin.ts';

/** Every clause must match; a clause matches a paragraph holding any one of its literals. */
export interface PreparedQuery {
  clauses: string[][];
  filters: QueryFilters;
}

/** The same task as `search(…).exactTotal` and its top 20: what every engine answers. */
export interface QueryAnswer {
  total: number;
  top: number[];
}

/** An engine under test: answers a query with its ranked top 20 and the exact total. */
export interface Engine {
  name: string;
  answer(query: string, prepared: PreparedQuery): QueryAnswer;
}

/**
 * Reads a query with baoku's own parser and normalisation, so that every engine searches the same
 * literals. A pinyin term stands for the corpus words baoku reads it as (when its letters occur
 * nowhere, exactly as `search` decides), so the baselines answer the same question.
 */
export function prepareQuery(store: ArchiveStore, input: string): PreparedQuery {
  const parsed = parseQuery(input);
  if (parsed.exclude.length > 0)
    throw new Error(`bench: exclusions are not benchmarked (${input})`);
  const clauses = parsed.clauses.map((clause) =>
    clause.flatMap((term) => {
      if (!term.phrase && looksLikePinyin(term.norm) && store.findLiteral(term.norm).length === 0) {
        const words = store.pinyinWords(term.norm);
        if (words.length > 0) return words.map((word) => normalizeForMatch(word));
      }
      return [term.norm];
    }),
  );
  return { clauses, filters: parsed.filters };
}

/** A date bound as a comparable `YYYYMMDD` key; missing parts take `fill` (0 for from:, 99 for to:). */
export function dateBound(date: string, fill: number): number {
  const [year, month, day] = date.split('-').map(Number);
  return (year ?? 0) * 10000 + (month ?? fill) * 100 + (day ?? fill);
}

/**
 * The first and last possible day of a report's date key (as in `computeReportFacts`): a report dated by
 * month or year only may fall anywhere in that period. [-1, -1] when the date is unknown.
 */
export function dateSpan(key: number): [number, number] {
  if (key < 0) return [-1, -1];
  return [key, key % 10000 === 0 ? key + 9999 : key % 100 === 0 ? key + 99 : key];
}

/**
 * Reports allowed by the filters (1 = allowed), or null when there are none. The rule is baoku's:
 * the normalised source contains the filter; the report's possible dates overlap the range.
 */
export function allowedReports(store: ArchiveStore, filters: QueryFilters): Uint8Array | null {
  if (!filters.source && !filters.from && !filters.to) return null;
  const { facts } = store;
  const allowed = new Uint8Array(store.reportCount);
  const from = filters.from ? dateBound(filters.from, 0) : -Infinity;
  const to = filters.to ? dateBound(filters.to, 99) : Infinity;
  for (let r = 0; r < store.reportCount; r++) {
    if (filters.source && !facts.sources[r]!.includes(filters.source)) continue;
    if (filters.from || filters.to) {
      const [first, last] = dateSpan(facts.dateKeys[r]!);
      if (first < 0 || last < from || first > to) continue;
    }
    allowed[r] = 1;
  }
  return allowed;
}
