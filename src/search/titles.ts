// Title hits: reports whose title holds the query, and paragraphs whose report's title holds the rest.
import type { ArchiveStore } from '../index/archive.ts';
import { difference, intersectAll, union } from '../index/postings.ts';
import { relatedWords } from './query.ts';
import { expandsToRelated, type TermMatch } from './score.ts';
import { scratch } from './scratch.ts';

const EMPTY = new Uint32Array(0);

/** Which titles hold which parts of a query. */
export interface TitleMatches {
  /** Per clause: ascending reports whose title holds one of its terms' literals. */
  clauses: Uint32Array[];
  /** Ascending reports whose title holds an excluded term: no title hit comes from them. */
  excluded: Uint32Array;
  /** Ascending reports whose title holds every clause and no excluded term (before filters). */
  reports: Uint32Array;
  /**
   * Ascending reports, not among `reports`, whose title holds every clause or, for a term that
   * finds related paragraphs, each of its words (湖北 and 医疗队 for 湖北医疗队), and no excluded term.
   */
  related: Uint32Array;
}

/** Reports whose title holds any of `literals`, ascending. */
function titlesWithAny(store: ArchiveStore, literals: readonly string[]): Uint32Array {
  let reports: Uint32Array = EMPTY;
  for (const literal of literals) reports = union(reports, store.titleReports(literal));
  return reports;
}

/** Matches each clause of a query (and its exclusions) against every report's title. */
export function matchTitles(
  store: ArchiveStore,
  matches: readonly (readonly TermMatch[])[],
  exclude: readonly string[],
): TitleMatches {
  const clauses = matches.map((clause) =>
    titlesWithAny(
      store,
      clause.flatMap((m) => m.literals),
    ),
  );
  const excluded = titlesWithAny(store, exclude);
  if (clauses.length === 0) return { clauses, excluded, reports: EMPTY, related: EMPTY };
  const reports = difference(intersectAll(clauses), excluded);
  if (!matches.some((clause) => clause.some(expandsToRelated))) {
    return { clauses, excluded, reports, related: EMPTY };
  }
  const loose = matches.map((clause, c) => {
    let held = clauses[c]!;
    for (const m of clause) {
      if (!expandsToRelated(m)) continue;
      held = union(
        held,
        intersectAll(relatedWords(m.term).map((word) => store.titleReports(word))),
      );
    }
    return held;
  });
  const related = difference(difference(intersectAll(loose), excluded), reports);
  return { clauses, excluded, reports, related };
}

/**
 * Clauses at most for title-completed paragraphs: a report's clauses in its title are a bit mask,
 * and masks are numbered in a byte per report.
 */
const MAX_MASKED_CLAUSES = 30;
const MAX_MASKS = 254;

/**
 * The paragraphs that hold, in their text, every clause that their report's title lacks, where the
 * title holds at least one clause but not all: `江苏 373例` finds the paragraphs holding 373例 of
 * reports titled 江苏…. Ascending; the exact matches (`exact`) and paragraphs of reports whose title
 * holds an excluded term are left out (the caller removes excluded paragraphs and applies filters).
 */
export function titleCompleted(
  store: ArchiveStore,
  titles: TitleMatches,
  clauseExact: readonly Uint32Array[],
  exact: Uint32Array,
): Uint32Array {
  const n = titles.clauses.length;
  if (n < 2 || n > MAX_MASKED_CLAUSES) return EMPTY;
  const full = 2 ** n - 1;
  // Per report with part of the query in its title: which clauses its title holds. A word per
  // report rather than a Map: a common word's title list has tens of thousands of reports.
  const held = scratch.words.take(store.reportCount);
  const touched: number[] = [];
  titles.clauses.forEach((reports, c) => {
    for (const r of reports) {
      if (held[r] === 0) touched.push(r);
      held[r]! |= 1 << c;
    }
  });
  for (const r of titles.excluded) held[r] = 0;
  // Reports grouped by the clauses their paragraphs must hold; each group's mask gets a number.
  const numberOf = scratch.bytes.take(store.reportCount);
  const groups: number[] = [];
  for (const r of touched) {
    const mask = held[r]!;
    if (mask === 0 || mask === full) continue;
    let at = groups.indexOf(mask);
    if (at === -1) {
      if (groups.length === MAX_MASKS) continue;
      at = groups.push(mask) - 1;
    }
    numberOf[r] = at + 1;
  }
  if (groups.length === 0) return EMPTY;
  const reportOf = store.paragraphReports();
  const found: number[] = [];
  groups.forEach((mask, at) => {
    const missing = clauseExact.filter((_, c) => (mask & (1 << c)) === 0);
    const ids = intersectAll(missing);
    for (let i = 0; i < ids.length; i++) {
      if (numberOf[reportOf[ids[i]!]!] === at + 1) found.push(ids[i]!);
    }
  });
  const ids = Uint32Array.from(found);
  if (groups.length > 1) ids.sort();
  return difference(ids, exact);
}

/** A title without spaces, punctuation and symbols: a headline pasted with other quotes still equals it. */
export function compactTitle(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** How a title hit ranks: one whose title is the query, then the more of the title the query is. */
interface TitleRank {
  report: number;
  equal: boolean;
  /** How near the title is to what was typed (0–1). */
  near: number;
  date: number;
}

function compareTitleRanks(a: TitleRank, b: TitleRank): number {
  if (a.equal !== b.equal) return a.equal ? -1 : 1;
  if (a.near !== b.near) return b.near - a.near;
  if (a.date !== b.date) return b.date - a.date;
  return a.report - b.report;
}

/** Keeps `rank` among the best `wanted` of `best` (sorted, best first). */
function keepBest(best: TitleRank[], rank: TitleRank, wanted: number): void {
  if (best.length === wanted && compareTitleRanks(rank, best[wanted - 1]!) >= 0) return;
  let at = best.length;
  while (at > 0 && compareTitleRanks(rank, best[at - 1]!) < 0) at--;
  best.splice(at, 0, rank);
  if (best.length > wanted) best.pop();
}

/** The distinct pairs of adjacent code units of `text`, spaces and punctuation left out. */
function pairsOf(text: string): Set<string> {
  const compact = compactTitle(text);
  const pairs = new Set<string>();
  for (let i = 0; i + 2 <= compact.length; i++) pairs.add(compact.slice(i, i + 2));
  return pairs;
}

/** The Dice coefficient of two sets of pairs: twice the shared ones over both sizes (0–1). */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const pair of a) if (b.has(pair)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** A title hit ranked: how near its title is to the query (for an exact one, how much of it the query is). */
export interface RankedTitle {
  report: number;
  match: 'exact' | 'related';
  near: number;
}

/** How many character pairs the title of report `r` shares with `literals` (Dice, 0–1). */
export function titleSimilarity(
  store: ArchiveStore,
  r: number,
  literals: readonly string[],
): number {
  return dice(pairsOf(literals.join('')), pairsOf(store.facts.titles[r]!));
}

/**
 * Related title hits compared pair by pair at most: past this many, by length alone, so that a
 * query of common words costs no more than a pass over its reports.
 */
const PAIRED_AT_MOST = 5000;

/**
 * The best `wanted` title hits, best first: of `exact` (titles holding the literals), a title
 * equal to the query without spaces and punctuation first, then by how much of the title the
 * literals make up; then of `related` (titles holding the words), by how many character pairs the
 * title shares with the query (Dice); ties go to the newest report, then corpus order.
 */
export function rankTitles(
  store: ArchiveStore,
  exact: Uint32Array,
  related: Uint32Array,
  literals: readonly string[],
  wanted: number,
): RankedTitle[] {
  if (wanted <= 0) return [];
  const { titles, dateKeys } = store.facts;
  const typed = literals.reduce((sum, literal) => sum + literal.length, 0);
  const compactQuery = compactTitle(literals.join(''));
  const best: TitleRank[] = [];
  for (const report of exact) {
    const title = titles[report]!;
    const near = title.length === 0 ? 0 : Math.min(1, typed / title.length);
    // Only a title not much longer than the query can equal it without its punctuation.
    const equal = title.length <= 2 * typed + 8 && compactTitle(title) === compactQuery;
    keepBest(best, { report, equal, near, date: dateKeys[report]! }, wanted);
  }
  const ranked = best.map(({ report, near }) => ({ report, match: 'exact' as const, near }));
  if (ranked.length === wanted || related.length === 0) return ranked;
  const rest: TitleRank[] = [];
  const left = wanted - ranked.length;
  const queryPairs = pairsOf(literals.join(''));
  const paired = related.length <= PAIRED_AT_MOST;
  for (const report of related) {
    const title = titles[report]!;
    const near = paired
      ? dice(queryPairs, pairsOf(title))
      : title.length === 0
        ? 0
        : Math.min(1, typed / title.length);
    keepBest(rest, { report, equal: false, near, date: dateKeys[report]! }, left);
  }
  return [
    ...ranked,
    ...rest.map(({ report, near }) => ({ report, match: 'related' as const, near })),
  ];
}
