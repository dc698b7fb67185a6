// Near misses: the titles and paragraphs that share the most of a query's character pairs.
import type { ArchiveStore } from '../index/archive.ts';
import { seek, step, walks } from '../index/postings.ts';
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
export const CANDIDATE_BUDGET = 10_000;
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

/**
 * Postings read at most, past the candidates' own lists, to tighten their bounds: a list that
 * long costs less to walk than the texts it spares reading.
 */
const TIGHTEN_BUDGET = 20_000;

/** What density (pairs of the query per pair of the text) adds to a share at most. */
const DENSITY_WEIGHT = 0.05;

/**
 * The ids of ascending `lists`, ascending and each once, with the summed weight of the lists that
 * hold it: one merge of two lists at a time (few lists, and at most the budget of ids in all).
 */
function mergeWeighted(lists: readonly { ids: Uint32Array; weight: number }[]): Merged {
  let merged: Merged = {
    ids: new Uint32Array(0),
    partials: new Float64Array(0),
    held: new Uint8Array(0),
  };
  for (const list of lists) {
    const { ids, partials, held } = merged;
    const outIds = new Uint32Array(ids.length + list.ids.length);
    const outPartials = new Float64Array(outIds.length);
    const outHeld = new Uint8Array(outIds.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < ids.length || j < list.ids.length) {
      const a = i < ids.length ? ids[i]! : Infinity;
      const b = j < list.ids.length ? list.ids[j]! : Infinity;
      if (a <= b) {
        outIds[n] = a;
        outPartials[n] = partials[i]! + (a === b ? list.weight : 0);
        outHeld[n] = held[i++]! + (a === b ? 1 : 0);
        if (a === b) j++;
      } else {
        outIds[n] = b;
        outPartials[n] = list.weight;
        outHeld[n] = 1;
        j++;
      }
      n++;
    }
    merged = {
      ids: outIds.subarray(0, n),
      partials: outPartials.subarray(0, n),
      held: outHeld.subarray(0, n),
    };
  }
  return merged;
}

/** Candidates with the summed weight, and the number, of the pairs whose lists hold them. */
interface Merged {
  ids: Uint32Array;
  partials: Float64Array;
  held: Uint8Array;
}

/** Adds `list`'s weight to the candidates of `merged` that it holds (it brings no new ones). */
function addWeight(merged: Merged, list: { ids: Uint32Array; weight: number }): void {
  const { ids, partials, held } = merged;
  const walk = walks(list.ids, ids.length);
  for (let c = 0, j = 0; c < ids.length; c++) {
    j = walk ? step(list.ids, ids[c]!, j) : seek(list.ids, ids[c]!, j);
    if (j === list.ids.length) return;
    if (list.ids[j] === ids[c]) {
      partials[c]! += list.weight;
      held[c]!++;
    }
  }
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
  /** How much of text `id` the `held` pairs of the query make up (0–1), without reading it. */
  density(id: number, held: number): number;
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
    const need = share * total;
    // The rarest pairs, as few as needed so that the others cannot reach the share alone.
    let rest = total;
    let cost = 0;
    let read = 0;
    while (read < order.length && rest >= need) {
      rest -= weights[order[read]!]!;
      cost += counts[order[read]!]!;
      read++;
    }
    if (cost > CANDIDATE_BUDGET) continue;
    const listOf = (k: number) => ({ ids: source.list(pairs[k]!), weight: weights[k]! });
    const merged = mergeWeighted(
      order
        .slice(0, read)
        .filter((k) => counts[k]! > 0)
        .map(listOf),
    );
    // The next pairs' lists, while they are short enough, add their weight to the candidates they
    // hold: each then has a tighter bound, and fewer texts need reading.
    let known = read;
    for (let extra = 0; known < order.length; known++) {
      const k = order[known]!;
      if (extra + counts[k]! > TIGHTEN_BUDGET) break;
      extra += counts[k]!;
      if (counts[k]! > 0) addWeight(merged, listOf(k));
      rest -= weights[k]!;
    }
    const { ids, partials, held } = merged;
    // Best bound first: once the bound of the next falls below the last kept score, none can rank.
    const candidates: number[] = [];
    for (let c = 0; c < ids.length; c++) if (partials[c]! + rest >= need) candidates.push(c);
    candidates.sort((a, b) => partials[b]! - partials[a]! || ids[a]! - ids[b]!);
    const top: { id: number; score: number }[] = [];
    for (const c of candidates) {
      const bound = (partials[c]! + rest) / total + DENSITY_WEIGHT;
      if (top.length === limit && bound < top[limit - 1]!.score) break;
      const id = ids[c]!;
      if (!keep(id)) continue;
      let weight = partials[c]!;
      let holds = held[c]!;
      if (known < order.length) {
        // The pairs whose lists were too long to read are looked for in the text.
        const text = source.text(id);
        for (let k = known; k < order.length; k++) {
          if (!text.includes(pairs[order[k]!]!)) continue;
          holds++;
          weight += weights[order[k]!]!;
        }
      }
      if (weight < need) continue;
      // Of two texts that share as much, the one made more of the query's pairs is nearer.
      const scored = { id, score: weight / total + DENSITY_WEIGHT * source.density(id, holds) };
      let at = top.length;
      while (at > 0 && ranksBefore(scored, top[at - 1]!)) at--;
      top.splice(at, 0, scored);
      if (top.length > limit) top.pop();
    }
    return top;
  }
  return [];
}

function ranksBefore(a: { id: number; score: number }, b: { id: number; score: number }): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

/** Whether `text` holds one of `literals`. */
function holdsAny(text: string, literals: readonly string[]): boolean {
  return literals.some((literal) => text.includes(literal));
}

/**
 * The titles of `store` that hold the most of `pairs` (the query's, {@link queryPairs}): at least
 * {@link MIN_SHARE} of their weight, best first, at most `limit`. Bounded work: candidates come
 * from at most {@link CANDIDATE_BUDGET} postings, never from a scan.
 */
export function nearTitles(
  store: ArchiveStore,
  pairs: readonly string[],
  options: NearMissOptions,
  limit: number,
): NearMiss[] {
  if (pairs.length < 2 || limit <= 0) return [];
  const { titles } = store.facts;
  const source: NearSource = {
    size: store.reportCount,
    count: (pair) => store.titleReports(pair).length,
    list: (pair) => store.titleReports(pair),
    text: (r) => titles[r]!,
    density: (r, held) => Math.min(1, held / Math.max(1, titles[r]!.length - 1)),
  };
  const keep = (r: number) =>
    !options.isTitleHit(r) &&
    (options.allowsReport === null || options.allowsReport(r)) &&
    !holdsAny(titles[r]!, options.exclude);
  return nearest(source, pairs, keep, limit).map(({ id, score }) => ({
    report: id,
    id: null,
    score,
  }));
}

/** The paragraphs of `store` nearest `pairs`, as {@link nearTitles} finds titles; at most `limit`. */
export function nearParagraphs(
  store: ArchiveStore,
  pairs: readonly string[],
  options: NearMissOptions,
  limit: number,
): NearMiss[] {
  if (pairs.length < 2 || limit <= 0) return [];
  const source: NearSource = {
    size: store.paragraphCount,
    count: (pair) => store.literalParagraphs(pair) ?? store.findLiteral(pair).length,
    list: (pair) => store.findLiteral(pair),
    text: (id) => store.normOf(id),
    // Per word of the paragraph, about one pair of two characters.
    density: (id, held) => Math.min(1, held / Math.max(1, store.wordCountOf(id))),
  };
  const keep = (id: number) =>
    !options.isHit(id) &&
    (options.allowsReport === null || options.allowsReport(store.reportOfParagraph(id))) &&
    (options.exclude.length === 0 || !holdsAny(store.normOf(id), options.exclude));
  return nearest(source, pairs, keep, limit).map(({ id, score }) => ({
    report: store.reportOfParagraph(id),
    id,
    score,
  }));
}

/**
 * The best `count` of `misses`, one a report: by score, a title before a paragraph of the same
 * score, then corpus order.
 */
export function bestPerReport(misses: readonly NearMiss[], count: number): NearMiss[] {
  const sorted = [...misses].sort(
    (a, b) =>
      b.score - a.score ||
      (a.id === null ? 0 : 1) - (b.id === null ? 0 : 1) ||
      a.report - b.report ||
      (a.id ?? 0) - (b.id ?? 0),
  );
  const seen = new Set<number>();
  const out: NearMiss[] = [];
  for (const miss of sorted) {
    if (seen.has(miss.report)) continue;
    seen.add(miss.report);
    out.push(miss);
    if (out.length === count) break;
  }
  return out;
}
