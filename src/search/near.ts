// Near misses: the titles and paragraphs that share the most of a query's character pairs.
import type { ArchiveStore } from '../index/archive.ts';
import { idf } from './rank.ts';

/** A title or paragraph that holds much of what was typed, but not all of it. */
export interface NearMiss {
  report: number;
  /** The paragraph's id; null for the report's title. */
  id: number | null;
  /** The share of the query's pairs it holds, weighted by their rarity (0–1), plus a little for density. */
  score: number;
}

/** What near misses leave out, and how many to find. */
export interface NearMissOptions {
  /** Reports and paragraphs that may be shown (filters), or null for all. */
  allowsReport: ((report: number) => boolean) | null;
  /** Paragraphs already among the hits, not shown again. */
  isHit: (id: number) => boolean;
  /** Reports already among the title hits. */
  isTitleHit: (report: number) => boolean;
  /** Normalised excluded literals: nothing holding one is shown. */
  exclude: readonly string[];
  /** How many near misses, at most one a report. */
  count: number;
  /** Whether paragraphs are looked at too, or titles only. */
  paragraphs: boolean;
}

/** Near misses share at least this much of the query's weight, and more when candidates would be too many. */
export const MIN_SHARE = 0.5;
/** A query of this many character pairs or more may be a headline: titles near it are shown first. */
export const HEADLINE_PAIRS = 6;
const MAX_SHARE = 0.9;
/**
 * Postings read at most for the candidates of one kind (titles, paragraphs): the work stays
 * bounded whatever was typed, the rarest pairs are read first.
 */
export const CANDIDATE_BUDGET = 20_000;
/** A gram of space, punctuation or symbols says nothing about what was meant. */
const NOT_TEXT = /[\s\p{P}\p{S}]/u;

/** The distinct pairs of adjacent code units of `literals` that hold no space or punctuation. */
export function queryPairs(literals: readonly string[]): string[] {
  const pairs = new Set<string>();
  for (const literal of literals) {
    for (let i = 0; i + 2 <= literal.length; i++) {
      const pair = literal.slice(i, i + 2);
      if (!NOT_TEXT.test(pair)) pairs.add(pair);
    }
  }
  return [...pairs];
}

/** One kind of text near misses are found in: report titles or paragraphs. */
interface NearSource {
  /** Texts there are. */
  size: number;
  /** How many texts hold `pair`, without reading their list if it can. */
  count(pair: string): number;
  /** Ascending ids of the texts that hold `pair`. */
  list(pair: string): Uint32Array;
  /** The normalised text of `id`. */
  text(id: number): string;
}

/**
 * The texts of `source` holding at least the share `MIN_SHARE` of `pairs`' weight, best first,
 * at most `limit` (after `keep`). Candidates come from the lists of the rarest pairs only: a text
 * that holds the share must hold one of the pairs whose weights outweigh the rest's by that share.
 */
function nearest(
  source: NearSource,
  pairs: readonly string[],
  keep: (id: number) => boolean,
  limit: number,
): { id: number; score: number }[] {
  const counts = pairs.map((pair) => source.count(pair));
  // A pair found nowhere (often the mistyped one) weighs as one found once: it cannot be shared,
  // and no rarer weight should put every text out of reach.
  const weights = counts.map((count) => idf(Math.max(1, source.size), Math.max(1, count)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const order = pairs.map((_, k) => k).sort((a, b) => weights[b]! - weights[a]! || a - b);
  for (let share = MIN_SHARE; share <= MAX_SHARE + 1e-9; share += 0.1) {
    // The rarest pairs, as few as needed so that the others cannot reach the share alone.
    let rest = total;
    let cost = 0;
    let read = 0;
    while (read < order.length && rest >= share * total) {
      rest -= weights[order[read]!]!;
      cost += counts[order[read]!]!;
      read++;
    }
    if (cost > CANDIDATE_BUDGET) continue;
    const found = new Map<number, number>();
    for (let k = 0; k < read; k++) {
      const pair = order[k]!;
      if (counts[pair] === 0) continue;
      for (const id of source.list(pairs[pair]!))
        found.set(id, (found.get(id) ?? 0) + weights[pair]!);
    }
    const scored: { id: number; score: number }[] = [];
    for (const [id, partial] of found) {
      if (partial + rest < share * total || !keep(id)) continue;
      const text = source.text(id);
      let weight = partial;
      let held = 0;
      // The rarest pairs' weight is in `partial` already; the others are looked for in the text.
      for (let k = read; k < order.length; k++) {
        const pair = order[k]!;
        if (text.includes(pairs[pair]!)) weight += weights[pair]!;
      }
      for (const pair of pairs) if (text.includes(pair)) held++;
      if (weight < share * total) continue;
      // Of two texts that share as much, the one made more of the query's pairs is nearer.
      const density = Math.min(1, held / Math.max(1, text.length - 1));
      scored.push({ id, score: weight / total + 0.05 * density });
    }
    scored.sort((a, b) => b.score - a.score || a.id - b.id);
    return scored.slice(0, limit);
  }
  return [];
}

/**
 * The titles and paragraphs of `store` that hold the most of `literals`' character pairs (at least
 * {@link MIN_SHARE} of their weight), best first, one a report: a title before a paragraph of the
 * same score. Bounded work: candidates come from at most {@link CANDIDATE_BUDGET} postings of each
 * kind, never from a scan.
 */
export function findNearMisses(
  store: ArchiveStore,
  literals: readonly string[],
  options: NearMissOptions,
): NearMiss[] {
  const pairs = queryPairs(literals);
  if (pairs.length < 2 || options.count <= 0) return [];
  const { titles } = store.facts;
  const excluded = (text: string) => options.exclude.some((literal) => text.includes(literal));
  const allows = options.allowsReport ?? (() => true);
  const titleSource: NearSource = {
    size: store.reportCount,
    count: (pair) => store.titleReports(pair).length,
    list: (pair) => store.titleReports(pair),
    text: (r) => titles[r]!,
  };
  const paragraphSource: NearSource = {
    size: store.paragraphCount,
    count: (pair) => store.literalParagraphs(pair) ?? store.findLiteral(pair).length,
    list: (pair) => store.findLiteral(pair),
    text: (id) => store.normOf(id),
  };
  // More than shown: some share a report with a better one.
  const limit = options.count * 4;
  const nearTitles = nearest(
    titleSource,
    pairs,
    (r) => !options.isTitleHit(r) && allows(r) && !excluded(titles[r]!),
    limit,
  ).map(({ id, score }): NearMiss => ({ report: id, id: null, score }));
  const nearParagraphs = !options.paragraphs
    ? []
    : nearest(
        paragraphSource,
        pairs,
        (id) => {
          if (options.isHit(id)) return false;
          const report = store.reportOfParagraph(id);
          return allows(report) && !excluded(store.normOf(id));
        },
        limit,
      ).map(({ id, score }): NearMiss => ({ report: store.reportOfParagraph(id), id, score }));
  const all = [...nearTitles, ...nearParagraphs].sort(
    (a, b) =>
      b.score - a.score ||
      (a.id === null ? 0 : 1) - (b.id === null ? 0 : 1) ||
      a.report - b.report ||
      (a.id ?? 0) - (b.id ?? 0),
  );
  const seen = new Set<number>();
  const out: NearMiss[] = [];
  for (const miss of all) {
    if (seen.has(miss.report)) continue;
    seen.add(miss.report);
    out.push(miss);
    if (out.length === options.count) break;
  }
  return out;
}
