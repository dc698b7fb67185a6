// The one search entry that the web and the CLI call: parse, match, rank, page, snippet.
import type { ArchiveStore } from '../index/archive.ts';
import { difference, intersect, union } from '../index/postings.ts';
import { looksLikePinyin } from '../text/pinyin.ts';
import type { ParagraphKind, ReportMeta, Snippet } from '../types.ts';
import { parseQuery, type ParsedQuery, type QueryFilters, type QueryTerm } from './query.ts';
import {
  ALIGNED_BOOST,
  HEADING_BOOST,
  TITLE_BOOST,
  bm25,
  countOccurrences,
  dateKeys,
  idf,
  proximityBoost,
} from './rank.ts';
import { normalizeForMatch } from '../text/normalize.ts';
import { buildSnippet, DEFAULT_SNIPPET_LENGTH, findHitRanges } from './snippet.ts';
import { selectTop } from './top.ts';

/** How to search. */
export interface SearchOptions {
  offset?: number;
  limit?: number;
  sort?: 'relevance' | 'date';
  /** Filters from outside the query text (URL parameters); they add to those in the query. */
  filters?: QueryFilters;
  snippetLength?: number;
}

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
  match: 'exact' | 'related';
  score: number;
  snippet: Snippet;
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
  /** Every matching paragraph, exact and related. */
  total: number;
  exactTotal: number;
  relatedTotal: number;
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
export const MAX_LIMIT = 100;

interface TermMatch {
  term: QueryTerm;
  /** The literals that count for this term: its own text, or the words its pinyin stood for. */
  literals: string[];
  exact: Uint32Array;
  pinyin?: string[];
}

const dateKeyCache = new WeakMap<ArchiveStore, Float64Array>();

function matchTerm(store: ArchiveStore, term: QueryTerm): TermMatch {
  const exact = store.findLiteral(term.norm);
  if (exact.length === 0 && !term.phrase && looksLikePinyin(term.norm)) {
    const words = [...store.pinyinWords(term.norm)];
    if (words.length > 0) {
      let ids: Uint32Array = new Uint32Array(0);
      for (const word of words) ids = union(ids, store.findLiteral(normalizeForMatch(word)));
      return { term, literals: words, exact: ids, pinyin: words };
    }
  }
  return { term, literals: [term.norm], exact };
}

/** Reports allowed by the filters, or null when there are none. */
function reportFilter(store: ArchiveStore, filters: QueryFilters): Uint8Array | null {
  if (!filters.source && !filters.from && !filters.to) return null;
  const allowed = new Uint8Array(store.reportCount);
  for (let r = 0; r < store.reportCount; r++) {
    const report = store.report(r);
    if (filters.source && !normalizeForMatch(report.source ?? '').includes(filters.source)) continue;
    if (filters.from || filters.to) {
      const date = report.date;
      if (!date) continue;
      if (filters.from && date < filters.from) continue;
      if (filters.to && date.slice(0, filters.to.length) > filters.to) continue;
    }
    allowed[r] = 1;
  }
  return allowed;
}

function applyFilter(store: ArchiveStore, ids: Uint32Array, allowed: Uint8Array | null): Uint32Array {
  if (allowed === null) return ids;
  const out = new Uint32Array(ids.length);
  let n = 0;
  for (const id of ids) if (allowed[store.reportOfParagraph(id)] === 1) out[n++] = id;
  return out.slice(0, n);
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
    relatedTotal: 0,
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

/**
 * Searches the archive. Every paragraph that literally contains the terms (after normalisation)
 * is counted and ranked; none is missed. Throws {@link QueryError} for a query it cannot read.
 */
export function search(store: ArchiveStore, input: string, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const paging = {
    offset: Math.max(0, Math.floor(options.offset ?? 0)),
    limit: Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT))),
    sort: options.sort ?? 'relevance',
  } as const;
  const parsed = parseQuery(input);
  const filters: QueryFilters = { ...parsed.filters, ...definedOnly(options.filters ?? {}) };
  if (parsed.clauses.length === 0) {
    const reason =
      parsed.exclude.length > 0
        ? '只有排除词，没有要查找的词。请加上至少一个词。'
        : '请输入要查找的词。';
    return emptyResult(input, { ...parsed, filters }, paging, reason, started);
  }

  const matches = parsed.clauses.map((clause) => clause.map((term) => matchTerm(store, term)));
  let exact: Uint32Array | null = null;
  let loose: Uint32Array | null = null;
  for (const clause of matches) {
    let clauseExact: Uint32Array = new Uint32Array(0);
    let clauseLoose: Uint32Array = new Uint32Array(0);
    for (const match of clause) {
      clauseExact = union(clauseExact, match.exact);
      clauseLoose = union(clauseLoose, match.exact);
      if (!match.term.phrase && !match.pinyin && match.term.words.length >= 2) {
        clauseLoose = union(clauseLoose, store.withAllWords(match.term.words));
      }
    }
    exact = exact === null ? clauseExact : intersect(exact, clauseExact);
    loose = loose === null ? clauseLoose : intersect(loose, clauseLoose);
  }
  let excluded: Uint32Array = new Uint32Array(0);
  for (const term of parsed.exclude) excluded = union(excluded, store.findLiteral(term.norm));
  const allowed = reportFilter(store, filters);
  const exactIds = applyFilter(store, difference(exact!, excluded), allowed);
  const relatedIds = applyFilter(store, difference(difference(loose!, exact!), excluded), allowed);

  const facets = countFacets(store, [exactIds, relatedIds]);
  const scorer = makeScorer(store, matches);
  const keys = dateKeyCache.get(store) ?? dateKeys(store);
  dateKeyCache.set(store, keys);

  const wanted = paging.offset + paging.limit;
  const page: { id: number; score: number; match: 'exact' | 'related' }[] = [];
  for (const [ids, match] of [
    [exactIds, 'exact'],
    [relatedIds, 'related'],
  ] as const) {
    if (page.length >= wanted) break;
    const top = selectTop(ids, wanted - page.length, (id) => scorer(id, match), (a, b) =>
      compareTies(store, keys, paging.sort, a, b),
    );
    for (const { id, score } of top) page.push({ id, score, match });
  }

  const snippetLength = options.snippetLength ?? DEFAULT_SNIPPET_LENGTH;
  const hits = page.slice(paging.offset).map(({ id, score, match }) => {
    const paragraph = store.paragraph(id);
    const report = store.report(paragraph.reportIndex);
    const literals = matches.flat().flatMap((m) => [
      ...m.literals,
      ...(match === 'related' ? m.term.words : []),
    ]);
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
      snippet: buildSnippet(paragraph.text, findHitRanges(paragraph.text, literals), snippetLength),
      report,
    };
  });

  return {
    query: input,
    total: exactIds.length + relatedIds.length,
    exactTotal: exactIds.length,
    relatedTotal: relatedIds.length,
    reports: facets.reports,
    facets: { source: facets.source, year: facets.year },
    terms: matches.flat().map(({ term, pinyin }) => ({
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

function definedOnly(filters: QueryFilters): QueryFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as QueryFilters;
}

/** Ties (and date sort): newest first, then report id, then paragraph order. */
function compareTies(
  store: ArchiveStore,
  keys: Float64Array,
  sort: 'relevance' | 'date',
  a: { id: number; score: number },
  b: { id: number; score: number },
): number {
  const ra = store.reportOfParagraph(a.id);
  const rb = store.reportOfParagraph(b.id);
  if (sort === 'date' && keys[ra] !== keys[rb]) return keys[rb]! - keys[ra]!;
  if (a.score !== b.score) return b.score - a.score;
  if (keys[ra] !== keys[rb]) return keys[rb]! - keys[ra]!;
  if (ra !== rb) {
    const ia = store.report(ra).id;
    const ib = store.report(rb).id;
    return ia < ib ? -1 : 1;
  }
  return a.id - b.id;
}

function countFacets(
  store: ArchiveStore,
  lists: Uint32Array[],
): { reports: number; source: Record<string, number>; year: Record<string, number> } {
  const perReport = new Map<number, number>();
  for (const ids of lists) {
    for (const id of ids) {
      const r = store.reportOfParagraph(id);
      perReport.set(r, (perReport.get(r) ?? 0) + 1);
    }
  }
  const source: Record<string, number> = {};
  const year: Record<string, number> = {};
  for (const [r, count] of perReport) {
    const report = store.report(r);
    const sourceKey = report.source ?? '来源不详';
    source[sourceKey] = (source[sourceKey] ?? 0) + count;
    const yearKey = report.date?.slice(0, 4) ?? '日期不详';
    year[yearKey] = (year[yearKey] ?? 0) + count;
  }
  return { reports: perReport.size, source, year };
}

/** Scores a paragraph against the query: BM25 over the literals, then the boosts. */
function makeScorer(
  store: ArchiveStore,
  matches: TermMatch[][],
): (id: number, match: 'exact' | 'related') => number {
  const n = Math.max(1, store.paragraphCount);
  const average = store.averageWordCount;
  const all = matches.flat();
  const idfs = all.map((m) => idf(n, Math.max(1, m.exact.length)));
  const wordIdfs = all.map((m) => m.term.words.map((word) => idf(n, store.findLiteral(word).length)));
  // Paragraphs where a term's jieba words are all whole words: the alignment boost.
  const aligned = all.map((m) =>
    !m.term.phrase && !m.pinyin && m.term.words.length > 0 ? toMask(store, store.withAllWords(m.term.words)) : null,
  );
  const clauseLiterals = matches.map((clause) => clause.flatMap((m) => m.literals));
  const titleBoosts = new Map<number, number>();
  const titleBoost = (reportIndex: number): number => {
    let boost = titleBoosts.get(reportIndex);
    if (boost === undefined) {
      const title = normalizeForMatch(store.report(reportIndex).title ?? '');
      boost = all.some((m) => m.literals.some((literal) => title.includes(literal))) ? TITLE_BOOST : 1;
      titleBoosts.set(reportIndex, boost);
    }
    return boost;
  };

  return (id, match) => {
    const text = store.normOf(id);
    const length = store.wordCountOf(id);
    let score = 0;
    all.forEach((m, i) => {
      let termScore = 0;
      if (match === 'exact') {
        for (const literal of m.literals) {
          termScore += bm25(countOccurrences(text, literal), idfs[i]!, length, average);
        }
      } else {
        m.term.words.forEach((word, w) => {
          termScore += bm25(countOccurrences(text, word), wordIdfs[i]![w]!, length, average);
        });
      }
      const mask = aligned[i];
      if (mask && mask[id >>> 3]! & (1 << (id & 7))) termScore *= ALIGNED_BOOST;
      score += termScore;
    });
    const record = store.paragraph(id);
    if (record.kind === 'heading') score *= HEADING_BOOST;
    score *= titleBoost(record.reportIndex);
    if (match === 'exact') score *= proximityBoost(text, clauseLiterals);
    return score;
  };
}

function toMask(store: ArchiveStore, ids: Uint32Array): Uint8Array {
  const mask = new Uint8Array((store.paragraphCount >>> 3) + 1);
  for (const id of ids) mask[id >>> 3]! |= 1 << (id & 7);
  return mask;
}
