// Facts about every report that searches need (normalised titles and sources, dates, facet keys).
import { normalizeForMatch } from '../text/normalize.ts';
import type { ReportMeta } from '../types.ts';

/** Report facts: computed once when the archive is built, saved with it, used by every search. */
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

function keyOf(names: string[], index: Map<string, number>, name: string): number {
  let key = index.get(name);
  if (key === undefined) {
    key = names.length;
    names.push(name);
    index.set(name, key);
  }
  return key;
}

/** The distinct values of `sources` and, for each report, which one it has. */
export function indexSources(sources: readonly string[]): Pick<ReportFacts, 'sourceIndex' | 'distinctSources'> {
  const distinctSources: string[] = [];
  const seen = new Map<string, number>();
  const sourceIndex = Uint32Array.from(sources, (source) => keyOf(distinctSources, seen, source));
  return { sourceIndex, distinctSources };
}

/** The facts of `reports`, in their order. */
export function computeReportFacts(reports: readonly ReportMeta[]): ReportFacts {
  const n = reports.length;
  const facts: Omit<ReportFacts, 'sourceIndex' | 'distinctSources'> = {
    titles: [],
    sources: [],
    dateKeys: new Float64Array(n),
    sourceKey: new Uint32Array(n),
    sourceNames: [],
    yearKey: new Uint32Array(n),
    yearNames: [],
  };
  const sourceIndex = new Map<string, number>();
  const yearIndex = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const report = reports[r]!;
    facts.titles.push(normalizeForMatch(report.title ?? ''));
    facts.sources.push(normalizeForMatch(report.source ?? ''));
    if (report.date) {
      const [year, month, day] = report.date.split('-').map(Number);
      facts.dateKeys[r] = (year ?? 0) * 10000 + (month ?? 0) * 100 + (day ?? 0);
    } else {
      facts.dateKeys[r] = -1;
    }
    facts.sourceKey[r] = keyOf(facts.sourceNames, sourceIndex, report.source ?? UNKNOWN_SOURCE);
    facts.yearKey[r] = keyOf(facts.yearNames, yearIndex, report.date?.slice(0, 4) ?? UNKNOWN_YEAR);
  }
  return { ...facts, ...indexSources(facts.sources) };
}

/**
 * A 32-bit signature of the code units of `text`: one bit per unit, chosen by a hash of it. Text
 * that contains a literal has every bit of the literal's signature, so a report whose title lacks
 * one of them is known not to hold it in its title without reading the title. A title of 25 units
 * sets about half the bits, so a 3-unit literal's bits are all there by chance in about 1 title in 6.
 */
export function unitSignature(text: string): number {
  let signature = 0;
  for (let i = 0; i < text.length; i++) {
    signature |= 1 << (Math.imul(text.charCodeAt(i), 0x9e3779b1) >>> 27);
  }
  return signature;
}

/** Whether text of signature `text` may contain a literal of signature `literal`; false when it cannot. */
export function mayContain(text: number, literal: number): boolean {
  return (text & literal) === literal;
}

/** Each report's dates as whole numbers: the first and last day its date can mean. */
export interface DateSpans {
  /** `YYYYMMDD` of the first possible day (unknown parts 0); -1 when the date is unknown. */
  first: Int32Array;
  /** `YYYYMMDD` of the last possible day: a month-only date runs to day 99, a year-only one to 9999. */
  last: Int32Array;
}

const dateSpansByFacts = new WeakMap<ReportFacts, DateSpans>();

/** The {@link DateSpans} of `facts`, worked out on first use (a few milliseconds at 180,000 reports). */
export function dateSpansOf(facts: ReportFacts): DateSpans {
  let spans = dateSpansByFacts.get(facts);
  if (spans === undefined) {
    const n = facts.dateKeys.length;
    spans = { first: new Int32Array(n), last: new Int32Array(n) };
    for (let r = 0; r < n; r++) {
      const key = facts.dateKeys[r]!;
      spans.first[r] = key;
      spans.last[r] = key < 0 ? key : key % 10000 === 0 ? key + 9999 : key % 100 === 0 ? key + 99 : key;
    }
    dateSpansByFacts.set(facts, spans);
  }
  return spans;
}
