// The literal-recall index: posting lists of every code unit and every pair of adjacent code units.
import { intersect } from './postings.ts';

/**
 * Character n-gram postings in compressed-sparse-row form. A unigram's list holds every paragraph
 * that contains that code unit; a bigram's list every paragraph that contains that pair. Any
 * paragraph containing a term contains all of the term's bigrams, so intersecting them yields a
 * superset of the matches that a substring check then makes exact: no paragraph is ever missed.
 */
export interface GramIndex {
  /** `unigramOffsets[u] .. unigramOffsets[u+1]` delimit unit u's postings. Length 65537. */
  unigramOffsets: Uint32Array;
  unigramPostings: Uint32Array;
  /** Occurrences of the unit in each posting's paragraph (capped at 255), for ranking. */
  unigramTf: Uint8Array;
  /** Sorted bigram keys: `(first << 16 | second) >>> 0`. */
  bigramKeys: Uint32Array;
  /** `bigramOffsets[k] .. bigramOffsets[k+1]` delimit the postings of `bigramKeys[k]`. */
  bigramOffsets: Uint32Array;
  bigramPostings: Uint32Array;
  /** Occurrences of the pair in each posting's paragraph (capped at 255), for ranking. */
  bigramTf: Uint8Array;
}

const EMPTY = new Uint32Array(0);

/** The distinct unigrams (code units) and bigram keys of a text with their counts, in scratch arrays. */
class GramScratch {
  unigrams = new Uint32Array(1024);
  bigrams = new Uint32Array(1024);
  unigramTf = new Uint8Array(1024);
  bigramTf = new Uint8Array(1024);
  unigramCount = 0;
  bigramCount = 0;

  read(text: string): void {
    const n = text.length;
    if (this.unigrams.length < n) {
      this.unigrams = new Uint32Array(n * 2);
      this.bigrams = new Uint32Array(n * 2);
      this.unigramTf = new Uint8Array(n * 2);
      this.bigramTf = new Uint8Array(n * 2);
    }
    for (let i = 0; i < n; i++) {
      const unit = text.charCodeAt(i);
      this.unigrams[i] = unit;
      if (i + 1 < n) this.bigrams[i] = ((unit << 16) | text.charCodeAt(i + 1)) >>> 0;
    }
    this.unigramCount = distinctSorted(this.unigrams, this.unigramTf, n);
    this.bigramCount = distinctSorted(this.bigrams, this.bigramTf, Math.max(0, n - 1));
  }
}

/** Sorts `values[0..length)`, keeps each value once, and writes how often it occurred to `counts`. */
function distinctSorted(values: Uint32Array, counts: Uint8Array, length: number): number {
  const view = values.subarray(0, length);
  view.sort();
  let out = 0;
  for (let i = 0; i < length; i++) {
    if (i > 0 && view[i] === view[i - 1]) {
      if (counts[out - 1]! < 255) counts[out - 1]!++;
    } else {
      view[out] = view[i]!;
      counts[out++] = 1;
    }
  }
  return out;
}

/** Builds the gram postings of paragraphs `0..texts.length-1` (their normalised texts). */
export function buildGramIndex(texts: readonly string[]): GramIndex {
  const scratch = new GramScratch();
  const unigramCounts = new Uint32Array(0x10000);
  const bigramCounts = new Map<number, number>();
  for (const text of texts) {
    scratch.read(text);
    for (let i = 0; i < scratch.unigramCount; i++) unigramCounts[scratch.unigrams[i]!]!++;
    for (let i = 0; i < scratch.bigramCount; i++) {
      const key = scratch.bigrams[i]!;
      bigramCounts.set(key, (bigramCounts.get(key) ?? 0) + 1);
    }
  }

  const unigramOffsets = new Uint32Array(0x10001);
  for (let u = 0; u < 0x10000; u++) unigramOffsets[u + 1] = unigramOffsets[u]! + unigramCounts[u]!;
  const bigramKeys = Uint32Array.from(bigramCounts.keys()).sort();
  const bigramOffsets = new Uint32Array(bigramKeys.length + 1);
  const slotOf = new Map<number, number>();
  for (let k = 0; k < bigramKeys.length; k++) {
    const key = bigramKeys[k]!;
    slotOf.set(key, k);
    bigramOffsets[k + 1] = bigramOffsets[k]! + bigramCounts.get(key)!;
  }
  bigramCounts.clear();

  // Second pass: fill the lists. Paragraphs are visited in id order, so every list comes out sorted.
  const unigramPostings = new Uint32Array(unigramOffsets[0x10000]!);
  const unigramTf = new Uint8Array(unigramPostings.length);
  const bigramPostings = new Uint32Array(bigramOffsets[bigramKeys.length]!);
  const bigramTf = new Uint8Array(bigramPostings.length);
  const unigramCursor = unigramOffsets.slice(0, 0x10000);
  const bigramCursor = bigramOffsets.slice(0, bigramKeys.length);
  texts.forEach((text, id) => {
    scratch.read(text);
    for (let i = 0; i < scratch.unigramCount; i++) {
      const at = unigramCursor[scratch.unigrams[i]!]!++;
      unigramPostings[at] = id;
      unigramTf[at] = scratch.unigramTf[i]!;
    }
    for (let i = 0; i < scratch.bigramCount; i++) {
      const at = bigramCursor[slotOf.get(scratch.bigrams[i]!)!]!++;
      bigramPostings[at] = id;
      bigramTf[at] = scratch.bigramTf[i]!;
    }
  });
  return { unigramOffsets, unigramPostings, unigramTf, bigramKeys, bigramOffsets, bigramPostings, bigramTf };
}

/** Posting ids with, for each, how often the gram occurs in that paragraph. */
export interface GramPostings {
  ids: Uint32Array;
  tf: Uint8Array;
}

const EMPTY_POSTINGS: GramPostings = { ids: EMPTY, tf: new Uint8Array(0) };

/** The postings of one code unit. */
export function unigramList(index: GramIndex, unit: number): Uint32Array {
  return index.unigramPostings.subarray(index.unigramOffsets[unit]!, index.unigramOffsets[unit + 1]!);
}

/** The postings of the pair `first, second`, empty when no paragraph holds it. */
export function bigramList(index: GramIndex, first: number, second: number): Uint32Array {
  return bigramPostings(index, first, second).ids;
}

/**
 * The exact postings, with frequencies, of a term of one or two code units; null for longer terms,
 * whose matches the gram index can only narrow down.
 */
export function gramPostings(index: GramIndex, term: string): GramPostings | null {
  if (term.length === 1) {
    const unit = term.charCodeAt(0);
    const from = index.unigramOffsets[unit]!;
    const to = index.unigramOffsets[unit + 1]!;
    return { ids: index.unigramPostings.subarray(from, to), tf: index.unigramTf.subarray(from, to) };
  }
  if (term.length === 2) return bigramPostings(index, term.charCodeAt(0), term.charCodeAt(1));
  return null;
}

function bigramPostings(index: GramIndex, first: number, second: number): GramPostings {
  const key = ((first << 16) | second) >>> 0;
  const keys = index.bigramKeys;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= keys.length || keys[lo] !== key) return EMPTY_POSTINGS;
  const from = index.bigramOffsets[lo]!;
  const to = index.bigramOffsets[lo + 1]!;
  return { ids: index.bigramPostings.subarray(from, to), tf: index.bigramTf.subarray(from, to) };
}

/**
 * Paragraph ids that may contain `term` (normalised): exact for terms of one or two code units,
 * a superset for longer terms (the caller checks those by substring).
 */
export function gramCandidates(index: GramIndex, term: string): { ids: Uint32Array; exact: boolean } {
  if (term.length === 0) return { ids: EMPTY, exact: true };
  if (term.length === 1) return { ids: unigramList(index, term.charCodeAt(0)), exact: true };
  const lists: Uint32Array[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    const list = bigramList(index, term.charCodeAt(i), term.charCodeAt(i + 1));
    if (list.length === 0) return { ids: EMPTY, exact: true };
    lists.push(list);
  }
  if (lists.length === 1) return { ids: lists[0]!, exact: true };
  lists.sort((a, b) => a.length - b.length);
  let ids = lists[0]!;
  for (let i = 1; i < lists.length && ids.length > 0; i++) {
    // Once the candidates are few, checking them by substring is cheaper than more intersections.
    if (ids.length * 16 < lists[i]!.length && ids.length < 256) break;
    ids = intersect(ids, lists[i]!);
  }
  return { ids, exact: false };
}
