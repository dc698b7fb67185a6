// The one search entry that the web and the CLI call: parse, match, rank, page, snippet.
import {
  REPORT_END,
  REPORT_ROW,
  REPORT_SOURCE,
  REPORT_YEAR,
  type ArchiveStore,
} from '../index/archive.ts';
import { contains, difference, intersectAll, union } from '../index/postings.ts';
import { looksLikePinyin } from '../text/pinyin.ts';
import type { ParagraphKind, ReportMeta, Snippet } from '../types.ts';
import {
  parseQuery,
  relatedWords,
  type ParsedQuery,
  type QueryFilters,
  type QueryTerm,
} from './query.ts';
import { normalizeForMatch } from '../text/normalize.ts';
import { dateSpansOf, type DateSpans, type ReportFacts } from '../index/report-facts.ts';
import { BOUND_CEILING_FACTOR, QueryScorer, expandsToRelated, type TermMatch } from './score.ts';
import { buildSnippet, DEFAULT_SNIPPET_LENGTH, findHitRanges } from './snippet.ts';
import { scratch } from './scratch.ts';
import { HEADLINE_PAIRS, queryPairs, type NearMissOptions } from './near.ts';
import { matchTitles, rankTitles, titleCompleted } from './titles.ts';
import {
  reportLevelHits,
  titleSnippet,
  toTitleHit,
  type NearHit,
  type TitleHit,
} from './report-hits.ts';
import { SEED_RATIO, selectTop, type Ranking, type Scored } from './top.ts';

/** How to search. */
export interface SearchOptions {
  offset?: number;
  limit?: number;
  sort?: 'relevance' | 'date';
  /** Filters from outside the query text (URL parameters); they add to those in the query. */
  filters?: QueryFilters;
  snippetLength?: number;
}

/**
 * How a paragraph matched: it holds every term (`exact`); it holds the terms its report's title
 * lacks, the title the others (`title`); it holds each term's words but not the term (`related`).
 */
export type HitMatch = 'exact' | 'title' | 'related';

/** One matching paragraph. */
export interface SearchHit {
  /** Global paragraph id. */
  id: number;
  reportId: string;
  /** 1-based paragraph number in its report. */
  paragraph: number;
  kind: ParagraphKind;
  text: string;
  heading?: string;
  credit?: string;
  match: HitMatch;
  score: number;
  snippet: Snippet;
  /** The report's title, the query's literals marked where it holds them. */
  title: Snippet;
  report: ReportMeta;
}

/** How one query term was read. */
export interface TermReading {
  term: string;
  phrase: boolean;
  /** Its jieba words. */
  words: string[];
  /** For a pinyin term: the corpus words it was read as. */
  pinyin?: string[];
}

/** The answer to a query: exact counts, facets, and one page of ranked hits. */
export interface SearchResult {
  query: string;
  /** Every matching paragraph: exact, completed by its title, and related. */
  total: number;
  exactTotal: number;
  titleTotal: number;
  relatedTotal: number;
  /**
   * Reports whose title holds the whole query: how many, and the best of them (on the first page
   * only, or paged when the query is a `title:` filter alone). Not counted in `total`.
   */
  titles: { total: number; related: number; hits: TitleHit[] };
  /** When little or nothing matched: what holds most of the query. Never counted. */
  near: NearHit[];
  /** Distinct reports among all matching paragraphs. */
  reports: number;
  facets: { source: Record<string, number>; year: Record<string, number> };
  terms: TermReading[];
  excluded: string[];
  filters: QueryFilters;
  notices: string[];
  /** Why nothing was searched, when nothing was. */
  empty?: string;
  offset: number;
  limit: number;
  sort: 'relevance' | 'date';
  hits: SearchHit[];
  tookMs: number;
}

export const DEFAULT_LIMIT = 20;
/** Title hits shown above the first page of paragraphs. */
export const TITLE_HITS_SHOWN = 5;
/**
 * Near misses are looked for when nothing matched, or when fewer matches than this (paragraphs
 * and titles) were found for what may be a headline ({@link HEADLINE_PAIRS} pairs or more): a
 * short rare word that matches a few paragraphs is what was meant, and texts holding one of its
 * two pairs would be noise; so is a quoted phrase, which asks for exactly that text.
 */
export const NEAR_MISS_BELOW = 10;
/** Near misses shown at most. */
export const NEAR_MISSES_SHOWN = 10;
export const MAX_LIMIT = 100;

/**
 * How `term` matches: its literal, or when that is found nowhere and the term could be pinyin, the
 * corpus words of that pinyin (any of them).
 */
function matchTerm(store: ArchiveStore, term: QueryTerm): TermMatch {
  const exact = store.findLiteral(term.norm);
  if (exact.length === 0 && !term.phrase && looksLikePinyin(term.norm)) {
    const words = [...store.pinyinWords(term.norm)];
    if (words.length > 0) {
      const literals = pinyinLiterals(words);
      let ids: Uint32Array = EMPTY;
      for (const literal of literals) ids = union(ids, store.findLiteral(literal));
      return { term, literals, exact: ids, pinyin: words };
    }
  }
  return { term, literals: [term.norm], exact };
}

/** The literals that a pinyin term read as `words` is matched and highlighted by. */
function pinyinLiterals(words: readonly string[]): string[] {
  return words.map(normalizeForMatch);
}

/**
 * Which reports the filters allow. A short list of hits is checked report by report as its runs
 * reach them; a long one through a byte per report, made in one pass without branches (a query's
 * hits then touch most reports, and a branch per report mispredicts half the time).
 */
export class ReportFilter {
  /** Per distinct normalised source: 1 where it holds the wanted source; null when any will do. */
  private readonly sourceOk: Uint8Array | null;
  /** Per report: 1 where its title holds the wanted title text; null when any will do. */
  private readonly titleOk: Uint8Array | null;
  private readonly dated: boolean;
  /** Day bounds as `YYYYMMDD`: 0 and the largest int32 when open, which every known date passes. */
  private readonly from: number;
  private readonly to: number;
  private readonly spans: DateSpans;

  /** `titled`: the reports whose title holds `filters.title` ({@link ArchiveStore.titleReports}). */
  constructor(
    private readonly facts: ReportFacts,
    filters: QueryFilters,
    titled: Uint32Array | null = null,
  ) {
    const source = filters.source ? normalizeForMatch(filters.source) : undefined;
    // Thousands of reports share a few dozen sources: test each distinct source once.
    this.sourceOk =
      source === undefined
        ? null
        : Uint8Array.from(facts.distinctSources, (name) => (name.includes(source) ? 1 : 0));
    if (filters.title && titled === null) {
      throw new Error(`baoku: a title filter (${filters.title}) needs the reports it allows`);
    }
    this.titleOk = null;
    if (filters.title) {
      this.titleOk = new Uint8Array(facts.dateKeys.length);
      for (const r of titled!) this.titleOk[r] = 1;
    }
    this.dated = !!(filters.from || filters.to);
    this.from = filters.from ? dateBound(filters.from, 0) : 0;
    this.to = filters.to ? dateBound(filters.to, 99) : INT32_MAX;
    this.spans = dateSpansOf(facts);
  }

  allows(r: number): boolean {
    if (this.sourceOk !== null && this.sourceOk[this.facts.sourceIndex[r]!] === 0) return false;
    if (this.titleOk !== null && this.titleOk[r] === 0) return false;
    // A report dated by month or year only is kept when that period overlaps the range (it may
    // fall inside), on both sides alike: its first possible day against `to`, its last against `from`.
    // An unknown date's last day is -1, before every `from`.
    if (this.dated && (this.spans.last[r]! < this.from || this.spans.first[r]! > this.to)) {
      return false;
    }
    return true;
  }

  /** 1 for every report that {@link allows} allows, 0 for the others. */
  allowedReports(): Uint8Array {
    const n = this.facts.dateKeys.length;
    const out = scratch.bytes.take(n);
    if (this.dated) {
      const { first, last } = this.spans;
      const { from, to } = this;
      // The sign bit of (to - first) | (last - from) is set when either is negative: a date
      // after `to`, or before `from` (an unknown one included). Both are int32, dates being
      // below 10^8, but for to - first when `to` is open and the date unknown: that wraps to
      // negative, as the unknown date's last - from is anyway.
      for (let r = 0; r < n; r++) out[r] = (((to - first[r]!) | (last[r]! - from)) >>> 31) ^ 1;
    } else {
      out.fill(1);
    }
    const sourceOk = this.sourceOk;
    if (sourceOk !== null) {
      const sourceIndex = this.facts.sourceIndex;
      for (let r = 0; r < n; r++) out[r]! &= sourceOk[sourceIndex[r]!]!;
    }
    const titleOk = this.titleOk;
    if (titleOk !== null) for (let r = 0; r < n; r++) out[r]! &= titleOk[r]!;
    return out;
  }
}

const INT32_MAX = 2 ** 31 - 1;

/** Whether `filters` hold any filter. */
function hasFilters(filters: QueryFilters): boolean {
  return !!(filters.source || filters.title || filters.from || filters.to);
}

/** The filter of `filters` over `store`'s reports, or null when there are none. */
export function reportFilter(store: ArchiveStore, filters: QueryFilters): ReportFilter | null {
  if (!hasFilters(filters)) return null;
  const titled = filters.title ? store.titleReports(filters.title) : null;
  return new ReportFilter(store.facts, filters, titled);
}

/**
 * The index after the run of `ids` from `at` that belong to report `report`: sorted ids keep a
 * report's paragraphs together, so a run is found by comparing ids with where the report ends
 * (read from `table`, {@link ArchiveStore.reportTable}), not by looking up each id's report.
 */
function reportRunEnd(table: Uint32Array, ids: Uint32Array, at: number, report: number): number {
  const end = table[REPORT_ROW * report + REPORT_END]!;
  let next = at + 1;
  while (next < ids.length && ids[next]! < end) next++;
  return next;
}

/** A date bound as a comparable key; missing month/day parts take `fill` (0 for from, 99 for to). */
function dateBound(date: string, fill: number): number {
  const [year, month, day] = date.split('-').map(Number);
  return (year ?? 0) * 10000 + (month ?? fill) * 100 + (day ?? fill);
}

/**
 * A list of ids shorter than the archive's reports divided by this is filtered report by report;
 * a longer one through {@link ReportFilter.allowedReports}, whose pass over every report then
 * costs less than the branches it saves. At 180,000 reports the map took 0.5–1.4 ms to make;
 * 24,000–45,000 ids took 0.5–1.2 ms report by report, 89,000 took 2.4 ms (1.7 by the map).
 */
const BY_REPORT_BELOW = 2;

/** Whether `count` hits are filtered through {@link ReportFilter.allowedReports}: {@link BY_REPORT_BELOW}. */
function filtersByMap(store: ArchiveStore, count: number): boolean {
  return count * BY_REPORT_BELOW >= store.reportCount;
}

/**
 * The ids of `ids` whose report `filter` allows. `byMap` chooses the way (tests run both); the
 * answer is the same.
 */
export function applyFilter(
  store: ArchiveStore,
  ids: Uint32Array,
  filter: ReportFilter | null,
  byMap = filtersByMap(store, ids.length),
): Uint32Array {
  if (filter === null) return ids;
  const out = scratch.words.take(ids.length);
  let n = 0;
  if (byMap) {
    const allowed = filter.allowedReports();
    const reportOf = store.paragraphReports();
    // Written always, kept when allowed: no branch to mispredict.
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      out[n] = id;
      n += allowed[reportOf[id]!]!;
    }
    return out.subarray(0, n);
  }
  const table = store.reportTable();
  for (let i = 0; i < ids.length;) {
    const report = store.reportOfParagraph(ids[i]!);
    const next = reportRunEnd(table, ids, i, report);
    if (filter.allows(report)) while (i < next) out[n++] = ids[i++]!;
    i = next;
  }
  return out.subarray(0, n);
}

function emptyResult(
  input: string,
  parsed: ParsedQuery | null,
  options: Required<Pick<SearchOptions, 'offset' | 'limit' | 'sort'>>,
  reason: string,
  started: number,
): SearchResult {
  return {
    query: input,
    total: 0,
    exactTotal: 0,
    titleTotal: 0,
    relatedTotal: 0,
    titles: { total: 0, related: 0, hits: [] },
    near: [],
    reports: 0,
    facets: { source: {}, year: {} },
    terms: [],
    excluded: parsed?.exclude.map((term) => term.raw) ?? [],
    filters: parsed?.filters ?? {},
    notices: parsed?.notices ?? [],
    empty: reason,
    ...options,
    hits: [],
    tookMs: performance.now() - started,
  };
}

const EMPTY = new Uint32Array(0);

/**
 * Searches the archive. Every paragraph that literally contains the terms (after normalisation)
 * is counted and ranked; none is missed. Throws {@link QueryError} for a query it cannot read.
 */
export function search(
  store: ArchiveStore,
  input: string,
  options: SearchOptions = {},
): SearchResult {
  const started = performance.now();
  const paging = {
    offset: Math.max(0, Math.floor(options.offset ?? 0)),
    limit: Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT))),
    sort: options.sort ?? 'relevance',
  } as const;
  const parsed = parseQuery(input);
  const filters: QueryFilters = { ...parsed.filters, ...definedOnly(options.filters ?? {}) };
  // The query's own is normalised already; one from outside (a URL parameter) may not be.
  if (filters.title) filters.title = normalizeForMatch(filters.title);
  const snippetLength = options.snippetLength ?? DEFAULT_SNIPPET_LENGTH;
  if (parsed.clauses.length === 0 && filters.title) {
    return titlesOnly(store, input, { ...parsed, filters }, paging, snippetLength, started);
  }
  if (parsed.clauses.length === 0) {
    const reason =
      parsed.exclude.length > 0
        ? '只有排除词，没有要查找的词。请加上至少一个词。'
        : '请输入要查找的词。';
    return emptyResult(input, { ...parsed, filters }, paging, reason, started);
  }

  const wanted = paging.offset + paging.limit;
  const ranked =
    answered(store, parsed, filters, paging.sort, wanted) ??
    matchAndRank(store, parsed, filters, wanted, paging.sort);
  const { matches, exactTotal, titleTotal, relatedTotal, facets, page, titleReports } = ranked;

  const exactLiterals = matches.flatMap((m) => m.literals);
  const relatedLiterals = [...exactLiterals, ...matches.flatMap((m) => relatedWords(m.term))];
  const found =
    exactTotal +
    titleTotal +
    relatedTotal +
    titleReports.length +
    ranked.relatedTitleReports.length;
  const pairs = queryPairs(exactLiterals);
  const { titleHits, near } = reportLevelHits(store, {
    pairs,
    exactLiterals,
    relatedLiterals,
    titleReports,
    relatedTitleReports: ranked.relatedTitleReports,
    misses: nearMissOptions(parsed, ranked),
    titlesShown: paging.offset === 0 ? TITLE_HITS_SHOWN : 0,
    exactParagraphs: exactTotal,
    nearShown:
      found === 0 ||
      (found < NEAR_MISS_BELOW &&
        pairs.length >= HEADLINE_PAIRS &&
        !matches.some((m) => m.term.phrase))
        ? NEAR_MISSES_SHOWN
        : 0,
    snippetLength,
  });
  const hits = page.slice(paging.offset).map(({ id, score, match }): SearchHit => {
    const paragraph = store.paragraph(id);
    const report = store.report(paragraph.reportIndex);
    const literals = match === 'related' ? relatedLiterals : exactLiterals;
    return {
      id,
      reportId: report.id,
      paragraph: paragraph.n,
      kind: paragraph.kind,
      text: paragraph.text,
      ...(paragraph.heading ? { heading: paragraph.heading } : {}),
      ...(paragraph.credit ? { credit: paragraph.credit } : {}),
      match,
      score,
      snippet: buildSnippet(
        paragraph.text,
        findHitRanges(paragraph.text, literals, store.normOf(id)),
        snippetLength,
      ),
      title: titleSnippet(store, paragraph.reportIndex, literals),
      report,
    };
  });

  return {
    query: input,
    total: exactTotal + titleTotal + relatedTotal,
    exactTotal,
    titleTotal,
    relatedTotal,
    titles: {
      total: titleReports.length,
      related: ranked.relatedTitleReports.length,
      hits: titleHits,
    },
    near,
    reports: facets.reports,
    facets: {
      source: namedCounts(facets.source, store.facts.sourceNames),
      year: namedCounts(facets.year, store.facts.yearNames),
    },
    terms: matches.map(({ term, pinyin }) => ({
      term: term.raw,
      phrase: term.phrase,
      words: term.words,
      ...(pinyin ? { pinyin } : {}),
    })),
    excluded: parsed.exclude.map((term) => term.raw),
    filters,
    notices: parsed.notices,
    ...paging,
    hits,
    tookMs: performance.now() - started,
  };
}

/** What near misses of `ranked` leave out: its hits and title hits, and what the filters and exclusions do. */
function nearMissOptions(parsed: ParsedQuery, ranked: RankedMatches): NearMissOptions {
  const { filter } = ranked;
  let lists: ReturnType<RankedMatches['hits']> | null = null;
  return {
    allowsReport: filter === null ? null : (r) => filter.allows(r),
    isHit: (id) => {
      lists ??= ranked.hits();
      return contains(lists.exact, id) || contains(lists.title, id) || contains(lists.related, id);
    },
    isTitleHit: (r) => contains(ranked.titleReports, r) || contains(ranked.relatedTitleReports, r),
    exclude: parsed.exclude.map((term) => term.norm),
  };
}

/**
 * A query of a `title:` filter and no terms: the reports whose title holds it (within the other
 * filters), paged as paragraphs are.
 */
function titlesOnly(
  store: ArchiveStore,
  input: string,
  parsed: ParsedQuery,
  paging: Required<Pick<SearchOptions, 'offset' | 'limit' | 'sort'>>,
  snippetLength: number,
  started: number,
): SearchResult {
  const literal = parsed.filters.title!;
  const filter = reportFilter(store, parsed.filters);
  const reports = allowedReports(store.titleReports(literal), filter);
  const ranked = rankTitles(store, reports, EMPTY, [literal], paging.offset + paging.limit).slice(
    paging.offset,
  );
  const { empty: _none, ...result } = emptyResult(input, parsed, paging, '', started);
  return {
    ...result,
    titles: {
      total: reports.length,
      related: 0,
      hits: ranked.map(({ report }) =>
        toTitleHit(store, report, 'exact', [literal], snippetLength),
      ),
    },
    tookMs: performance.now() - started,
  };
}

/** What matching and ranking tell about a query, before its hits are read from the archive. */
export interface RankedMatches {
  /** How each term was matched (what it is highlighted and reported by). */
  matches: MatchedTerm[];
  exactTotal: number;
  /** Paragraphs that hold the rest of the query where their report's title holds part of it. */
  titleTotal: number;
  relatedTotal: number;
  facets: Facets;
  /** The best `wanted` hits, best first. */
  page: PageEntry[];
  /** Ascending reports, allowed by the filters, whose title holds the whole query. */
  titleReports: Uint32Array;
  /** Ascending reports, allowed by the filters, whose title holds the query's words (not among `titleReports`). */
  relatedTitleReports: Uint32Array;
  /** The filter the hits were found within (near misses keep to it too). */
  filter: ReportFilter | null;
  /** Every hit of each kind, ascending (what near misses leave out): worked out when asked. */
  hits: () => { exact: Uint32Array; title: Uint32Array; related: Uint32Array };
}

/** A query term and the literals it was matched by. */
export type MatchedTerm = Pick<TermMatch, 'term' | 'literals' | 'pinyin'>;

/** Distinct reports, and paragraphs per source and per year facet key, among all hits. */
export interface Facets {
  reports: number;
  source: Uint32Array;
  year: Uint32Array;
}

/**
 * The one term of a query that asks for nothing but that term ranked by relevance, perhaps within
 * filters (no exclusion, alternative or phrase), or null: only such a query can be answered from
 * the build.
 */
export function singleTerm(parsed: ParsedQuery, sort: 'relevance' | 'date'): QueryTerm | null {
  if (sort !== 'relevance' || parsed.exclude.length > 0) return null;
  if (parsed.clauses.length !== 1 || parsed.clauses[0]!.length !== 1) return null;
  const term = parsed.clauses[0]![0]!;
  return term.phrase ? null : term;
}

/**
 * The ranked matches of a one-term query from its answer worked out at build time
 * ({@link ArchiveStore.termAnswer}), or null when there is none that covers the page.
 *
 * Filters leave every score and the order alone: the best paragraphs they allow are the first
 * ones of the answer's hits that they allow, if it holds enough of them (or all the term's). Only
 * the counts are then worked out, over the term's paragraphs.
 */
function answered(
  store: ArchiveStore,
  parsed: ParsedQuery,
  filters: QueryFilters,
  sort: 'relevance' | 'date',
  wanted: number,
): RankedMatches | null {
  const term = singleTerm(parsed, sort);
  const answer = term === null ? undefined : store.termAnswer(term.norm);
  if (term === null || answer === undefined) return null;
  // Ranked with other words (another user dictionary): searched live.
  const words = relatedWords(term);
  if (words.length !== answer.words.length || words.some((word, i) => word !== answer.words[i]))
    return null;
  const filter = reportFilter(store, filters);
  const page: PageEntry[] = [];
  for (let i = 0; i < answer.ids.length && page.length < wanted; i++) {
    const id = answer.ids[i]!;
    if (filter === null || filter.allows(store.reportOfParagraph(id))) {
      page.push({ id, score: answer.scores[i]!, match: 'exact' });
    }
  }
  // A page past the hits it keeps.
  if (page.length < wanted && answer.ids.length < answer.total) return null;
  const matches: MatchedTerm[] = [
    answer.pinyin
      ? { term, literals: pinyinLiterals(answer.pinyin), pinyin: answer.pinyin }
      : { term, literals: [term.norm] },
  ];
  // One term of one or two characters, or pinyin: it has no words to find related titles by.
  const titleReports = allowedReports(
    matchTitles(store, [[{ ...matches[0]!, exact: EMPTY }]], []).reports,
    filter,
  );
  const relatedTitleReports = EMPTY;
  const result = {
    matches,
    filter,
    titleTotal: 0,
    relatedTotal: 0,
    page,
    titleReports,
    relatedTitleReports,
  };
  if (filter === null) {
    const facets = {
      reports: answer.reports,
      source: answer.sourceCounts,
      year: answer.yearCounts,
    };
    // Only near misses ask for the hits, after few: a term with an answer has many.
    const hits = () => ({ exact: matchTerm(store, term).exact, title: EMPTY, related: EMPTY });
    return { ...result, exactTotal: answer.total, facets, hits };
  }
  scratch.reset();
  const exact = matchTerm(store, term).exact;
  const facets = countFacets(store, store.facts, exact, EMPTY, filter);
  // Every counted paragraph has one year key (unknown years too).
  const exactTotal = facets.year.reduce((sum, count) => sum + count, 0);
  return { ...result, exactTotal, facets, hits: () => ({ exact, title: EMPTY, related: EMPTY }) };
}

/** A ranked hit: a paragraph id, its score and whether it holds the literals. */
export interface PageEntry {
  id: number;
  score: number;
  match: HitMatch;
}

/**
 * Finds every paragraph that matches `parsed` under `filters`, counts them by report, source and
 * year, and ranks the best `wanted` of them. Searches run one at a time: this takes back every
 * scratch buffer of the last one.
 */
export function matchAndRank(
  store: ArchiveStore,
  parsed: ParsedQuery,
  filters: QueryFilters,
  wanted: number,
  sort: 'relevance' | 'date',
): RankedMatches {
  scratch.reset();
  const { facts } = store;
  const matches = parsed.clauses.map((clause) => clause.map((term) => matchTerm(store, term)));
  const anyRelated = matches.some((clause) => clause.some(expandsToRelated));
  const clauseExact: Uint32Array[] = [];
  const clauseLoose: Uint32Array[] = [];
  for (const clause of matches) {
    let ids: Uint32Array = clause[0]!.exact;
    for (const match of clause.slice(1)) ids = union(ids, match.exact);
    clauseExact.push(ids);
    if (anyRelated) {
      for (const match of clause) {
        if (expandsToRelated(match))
          ids = union(ids, store.withAllLiterals(relatedWords(match.term)));
      }
      clauseLoose.push(ids);
    }
  }
  const exact = intersectAll(clauseExact);
  const loose = anyRelated ? intersectAll(clauseLoose) : null;
  let excluded: Uint32Array = EMPTY;
  for (const term of parsed.exclude) excluded = union(excluded, store.findLiteral(term.norm));
  const allowed = reportFilter(store, filters);
  const exactIds = applyFilter(store, difference(exact, excluded), allowed);
  const titles = matchTitles(
    store,
    matches,
    parsed.exclude.map((term) => term.norm),
  );
  const completed = titleCompleted(store, titles, clauseExact, exact);
  const titleIds = applyFilter(store, difference(completed, excluded), allowed);
  // A paragraph that a title completes is a title match, not also a related one.
  const relatedIds = loose
    ? applyFilter(
        store,
        difference(difference(difference(loose, exact), excluded), completed),
        allowed,
      )
    : EMPTY;

  const facets = countFacets(store, facts, exactIds, union(titleIds, relatedIds));
  const scorer = new QueryScorer(store, facts, matches);
  const page: PageEntry[] = [];
  for (const [ids, match] of [
    [exactIds, 'exact'],
    [titleIds, 'title'],
    [relatedIds, 'related'],
  ] as const) {
    if (page.length >= wanted || ids.length === 0) continue;
    const k = wanted - page.length;
    if (match === 'title') {
      for (const id of newestFirst(store, ids, k)) page.push({ id, score: 0, match });
      continue;
    }
    const ranking = new PageRanking(store, facts.dateKeys, sort, scorer, match === 'exact');
    // Seeding costs a pass over the bounds; it pays where a score scans a text.
    const seeded = match === 'exact' && scorer.scansTexts && ids.length >= SEED_RATIO * k;
    const top = selectTop(ids, k, ranking, seeded);
    for (const { id, score: value } of top) page.push({ id, score: value, match });
  }
  return {
    matches: matches.flat(),
    exactTotal: exactIds.length,
    titleTotal: titleIds.length,
    relatedTotal: relatedIds.length,
    facets,
    page,
    titleReports: allowedReports(titles.reports, allowed),
    relatedTitleReports: allowedReports(titles.related, allowed),
    filter: allowed,
    hits: () => ({ exact: exactIds, title: titleIds, related: relatedIds }),
  };
}

/** The reports of `reports` that `filter` allows. */
function allowedReports(reports: Uint32Array, filter: ReportFilter | null): Uint32Array {
  return filter === null ? reports : reports.filter((r) => filter.allows(r));
}

/**
 * The first `k` of `ids` (title-completed paragraphs, which hold part of the query only in their
 * report's title and are not scored), newest report first, then corpus order.
 */
function newestFirst(store: ArchiveStore, ids: Uint32Array, k: number): number[] {
  const keys = store.facts.dateKeys;
  const reportOf = store.paragraphReports();
  return Array.from(ids)
    .sort((a, b) => keys[reportOf[b]!]! - keys[reportOf[a]!]! || a - b)
    .slice(0, k);
}

function definedOnly(filters: QueryFilters): QueryFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as QueryFilters;
}

/**
 * Ranking order (and date sort): score, then newest first, then report id, then paragraph order;
 * when sorting by date, the date comes first.
 */
class PageRanking implements Ranking {
  private readonly byDate: boolean;
  readonly ceilingFactor = BOUND_CEILING_FACTOR;

  constructor(
    private readonly store: ArchiveStore,
    private readonly keys: Float64Array,
    sort: 'relevance' | 'date',
    private readonly scorer: QueryScorer,
    private readonly exact: boolean,
  ) {
    this.byDate = sort === 'date';
  }

  prepare(ids: Uint32Array): void {
    this.scorer.prepare(ids, this.exact);
  }

  get ceilings(): Float64Array {
    return this.scorer.partialBounds;
  }

  get leads(): boolean {
    return this.byDate;
  }

  bound(id: number, at: number): number {
    return this.scorer.bound(id, at);
  }

  score(id: number, at: number): number {
    return this.exact ? this.scorer.exact(id, at) : this.scorer.related(id, at);
  }

  lead(id: number, kept: Scored): number {
    if (!this.byDate) return 0;
    const date = this.keys[this.store.reportOfParagraph(id)]!;
    const keptDate = this.keys[this.store.reportOfParagraph(kept.id)]!;
    return date === keptDate ? 0 : keptDate - date;
  }

  compare(a: Scored, b: Scored): number {
    const keys = this.keys;
    const ra = this.store.reportOfParagraph(a.id);
    const rb = this.store.reportOfParagraph(b.id);
    if (this.byDate && keys[ra] !== keys[rb]) return keys[rb]! - keys[ra]!;
    if (a.score !== b.score) return b.score - a.score;
    if (keys[ra] !== keys[rb]) return keys[rb]! - keys[ra]!;
    if (ra !== rb) {
      const ia = this.store.report(ra).id;
      const ib = this.store.report(rb).id;
      return ia < ib ? -1 : 1;
    }
    return a.id - b.id;
  }
}

/**
 * Distinct reports and counts per source and year over all hits; ids are sorted, reports
 * contiguous. With `filter`, only over the hits whose report it allows (the lists need not be
 * filtered first).
 */
function countFacets(
  store: ArchiveStore,
  facts: ReportFacts,
  exactIds: Uint32Array,
  relatedIds: Uint32Array,
  filter: ReportFilter | null = null,
): Facets {
  // Int32 counters: adding to Uint32 ones took 1.7 times as long here.
  const sources = new Int32Array(facts.sourceNames.length);
  const years = new Int32Array(facts.yearNames.length);
  // A report can be in both lists: those of the exact hits are marked, and not counted again.
  const seen = relatedIds.length > 0 ? scratch.bytes.take(store.reportCount) : null;
  // As in applyFilter: a long list looks its reports up in a byte per report, made in one pass.
  const allowed =
    filter !== null && filtersByMap(store, exactIds.length + relatedIds.length)
      ? filter.allowedReports()
      : null;
  const reports =
    tallyFacets(store, exactIds, sources, years, filter, allowed, seen, true) +
    tallyFacets(store, relatedIds, sources, years, filter, allowed, seen, false);
  // Counts are never negative: the same bits read as unsigned.
  return { reports, source: new Uint32Array(sources.buffer), year: new Uint32Array(years.buffer) };
}

/**
 * Adds each of `ids` that `filter` allows (all, when null; through `allowed` when given) to the
 * counts of its report's source and year, and returns how many of their reports are new: not
 * marked in `seen`, when given. With `mark`, marks them there instead.
 *
 * Every id takes the same steps, without a branch on where a run of one report's ids ends: runs
 * are one or two ids long and end unpredictably. Over nine common terms at a million paragraphs
 * (142,000 ids on average, in cache), a branch per run took 1.5–2.3 ms a list, this 0.63–0.70;
 * over the bench's filter, AND and cross-word queries, counting took 19% less time in all.
 */
function tallyFacets(
  store: ArchiveStore,
  ids: Uint32Array,
  sources: Int32Array,
  years: Int32Array,
  filter: ReportFilter | null,
  allowed: Uint8Array | null,
  seen: Uint8Array | null,
  mark: boolean,
): number {
  const reportOf = store.paragraphReports();
  const table = store.reportTable();
  let reports = 0;
  let last = -1;
  if (filter === null && seen === null) {
    // The common case, on its own: the general loop below took 1.7 times as long on it.
    for (let i = 0; i < ids.length; i++) {
      const r = reportOf[ids[i]!]!;
      // A new run where r is not the last report: x | -x has its sign bit set for any x but 0.
      const change = r ^ last;
      last = r;
      reports += (change | -change) >>> 31;
      sources[table[REPORT_ROW * r + REPORT_SOURCE]!]! += 1;
      years[table[REPORT_ROW * r + REPORT_YEAR]!]! += 1;
    }
    return reports;
  }
  for (let i = 0; i < ids.length; i++) {
    const r = reportOf[ids[i]!]!;
    const counted = filter === null ? 1 : allowed !== null ? allowed[r]! : filter.allows(r) ? 1 : 0;
    const change = r ^ last;
    last = r;
    let fresh = ((change | -change) >>> 31) & counted;
    if (seen !== null) {
      if (mark) seen[r]! |= counted;
      else fresh &= seen[r]! ^ 1;
    }
    reports += fresh;
    sources[table[REPORT_ROW * r + REPORT_SOURCE]!]! += counted;
    years[table[REPORT_ROW * r + REPORT_YEAR]!]! += counted;
  }
  return reports;
}

/** The counts above zero by name: `counts[key]` is that of `names[key]`. */
function namedCounts(counts: Uint32Array, names: readonly string[]): Record<string, number> {
  const named: Record<string, number> = {};
  for (let key = 0; key < counts.length; key++) {
    if (counts[key]! > 0) named[names[key]!] = counts[key]!;
  }
  return named;
}
