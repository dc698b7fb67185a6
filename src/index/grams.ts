// The literal-recall index: posting lists of every code unit and every pair of adjacent code units.
import { PostingLists } from './lists.ts';
import { intersect } from './postings.ts';

/**
 * Character n-gram postings in compressed-sparse-row form. A unigram's list holds every paragraph
 * that contains that code unit; a bigram's list every paragraph that contains that pair. Any
 * paragraph containing a term contains all of the term's bigrams, so intersecting them yields a
 * superset of the matches that a substring check then makes exact: no paragraph is ever missed.
 */
export interface GramIndex {
  /** List u holds the paragraphs with code unit u (65,536 lists), with its count there (≤ 255). */
  unigrams: PostingLists;
  /** Sorted bigram keys: `(first << 16 | second) >>> 0`. */
  bigramKeys: Uint32Array;
  /** List k holds the paragraphs with the pair `bigramKeys[k]`, with its count there (≤ 255). */
  bigrams: PostingLists;
}

const EMPTY = new Uint32Array(0);

/**
 * Gram keys → dense slot numbers: an open-addressing hash table on typed arrays. A JavaScript Map
 * costs several times more per lookup, and an index build looks up every character pair twice.
 */
class KeyTable {
  keys: Uint32Array<ArrayBuffer>;
  /** slot + 1 for each table position; 0 marks an empty position. */
  private positions: Uint32Array;
  private mask: number;
  /** 32 less the bits of a table position: a position is the high bits of the hash. */
  private shift: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    this.positions = new Uint32Array(capacity);
    this.keys = new Uint32Array(capacity >>> 1);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
  }

  /**
   * Where `key` hashes to. Fibonacci hashing takes the product's high bits: its low bits depend on
   * the key's low bits only, which are the pair's second unit, so every pair ending in the same
   * character would share a position and probe past all the others.
   */
  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The slot of `key`, adding it when `add` is true; -1 when absent and not added. */
  slot(key: number, add: boolean): number {
    let at = this.home(key);
    for (;;) {
      const entry = this.positions[at]!;
      if (entry === 0) break;
      if (this.keys[entry - 1] === key) return entry - 1;
      at = (at + 1) & this.mask;
    }
    if (!add) return -1;
    if ((this.size + 1) * 2 > this.positions.length) {
      this.grow();
      return this.slot(key, true);
    }
    this.keys[this.size] = key;
    this.positions[at] = ++this.size;
    return this.size - 1;
  }

  private grow(): void {
    const capacity = this.positions.length * 2;
    const keys = new Uint32Array(capacity >>> 1);
    keys.set(this.keys.subarray(0, this.size));
    this.keys = keys;
    this.positions = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    for (let slot = 0; slot < this.size; slot++) {
      let at = this.home(keys[slot]!);
      while (this.positions[at] !== 0) at = (at + 1) & this.mask;
      this.positions[at] = slot + 1;
    }
  }
}

const NO_PARAGRAPH = 0xffffffff;

function grown(array: Uint32Array, fill: number): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2).fill(fill);
  bigger.set(array);
  return bigger;
}

/**
 * Builds the gram postings of paragraphs `0..texts.length-1` (their normalised texts) in two
 * passes: count the paragraphs of each gram, then fill the lists. Paragraphs are visited in id
 * order, so every list comes out sorted; a gram seen again in the same paragraph only raises its
 * frequency there.
 */
export function buildGramIndex(texts: readonly string[]): GramIndex {
  const table = new KeyTable();
  const unigramCounts = new Uint32Array(0x10000);
  const unigramSeen = new Uint32Array(0x10000).fill(NO_PARAGRAPH);
  let bigramCounts = new Uint32Array(1 << 15);
  let bigramSeen = new Uint32Array(1 << 15).fill(NO_PARAGRAPH);
  for (let id = 0; id < texts.length; id++) {
    const text = texts[id]!;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unigramSeen[unit] !== id) {
        unigramSeen[unit] = id;
        unigramCounts[unit]!++;
      }
      if (i + 1 === text.length) break;
      const slot = table.slot(((unit << 16) | text.charCodeAt(i + 1)) >>> 0, true);
      if (slot >= bigramCounts.length) {
        bigramCounts = grown(bigramCounts, 0);
        bigramSeen = grown(bigramSeen, NO_PARAGRAPH);
      }
      if (bigramSeen[slot] !== id) {
        bigramSeen[slot] = id;
        bigramCounts[slot]!++;
      }
    }
  }

  const unigramOffsets = new Uint32Array(0x10001);
  for (let u = 0; u < 0x10000; u++) unigramOffsets[u + 1] = unigramOffsets[u]! + unigramCounts[u]!;
  // Keys sorted for binary search at query time; the table gives each sorted key's slot back.
  const slots = table.size;
  const bigramKeys = table.keys.slice(0, slots).sort();
  const bigramOffsets = new Uint32Array(slots + 1);
  const bigramNext = new Uint32Array(slots);
  for (let k = 0; k < slots; k++) {
    const slot = table.slot(bigramKeys[k]!, false);
    bigramNext[slot] = bigramOffsets[k]!;
    bigramOffsets[k + 1] = bigramOffsets[k]! + bigramCounts[slot]!;
  }

  const unigramPostings = new Uint32Array(unigramOffsets[0x10000]!);
  const unigramTf = new Uint8Array(unigramPostings.length);
  const bigramPostings = new Uint32Array(bigramOffsets[slots]!);
  const bigramTf = new Uint8Array(bigramPostings.length);
  // Where each gram's list is written next, and where its latest paragraph's entry is.
  const unigramNext = unigramOffsets.slice(0, 0x10000);
  const unigramLast = new Uint32Array(0x10000);
  const bigramLast = new Uint32Array(slots);
  unigramSeen.fill(NO_PARAGRAPH);
  bigramSeen.fill(NO_PARAGRAPH);
  for (let id = 0; id < texts.length; id++) {
    const text = texts[id]!;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unigramSeen[unit] !== id) {
        unigramSeen[unit] = id;
        const at = unigramNext[unit]!++;
        unigramPostings[at] = id;
        unigramTf[at] = 1;
        unigramLast[unit] = at;
      } else if (unigramTf[unigramLast[unit]!]! < 255) {
        unigramTf[unigramLast[unit]!]!++;
      }
      if (i + 1 === text.length) break;
      const slot = table.slot(((unit << 16) | text.charCodeAt(i + 1)) >>> 0, false);
      if (bigramSeen[slot] !== id) {
        bigramSeen[slot] = id;
        const at = bigramNext[slot]!++;
        bigramPostings[at] = id;
        bigramTf[at] = 1;
        bigramLast[slot] = at;
      } else if (bigramTf[bigramLast[slot]!]! < 255) {
        bigramTf[bigramLast[slot]!]!++;
      }
    }
  }
  return {
    unigrams: PostingLists.of(unigramOffsets, unigramPostings, unigramTf),
    bigramKeys,
    bigrams: PostingLists.of(bigramOffsets, bigramPostings, bigramTf),
  };
}

/** Posting ids with, for each, how often the gram occurs in that paragraph. */
export interface GramPostings {
  ids: Uint32Array;
  tf: Uint8Array;
}

const EMPTY_POSTINGS: GramPostings = { ids: EMPTY, tf: new Uint8Array(0) };

/** The postings of one code unit. */
export function unigramList(index: GramIndex, unit: number): Uint32Array {
  return index.unigrams.ids(unit);
}

/**
 * The exact postings, with frequencies, of a term of one or two code units; null for longer terms,
 * whose matches the gram index can only narrow down.
 */
export function gramPostings(index: GramIndex, term: string): GramPostings | null {
  if (term.length === 1) {
    const unit = term.charCodeAt(0);
    return { ids: index.unigrams.ids(unit), tf: index.unigrams.frequencies(unit) };
  }
  if (term.length === 2) {
    const k = bigramSlot(index, term.charCodeAt(0), term.charCodeAt(1));
    return k === -1 ? EMPTY_POSTINGS : { ids: index.bigrams.ids(k), tf: index.bigrams.frequencies(k) };
  }
  return null;
}

/**
 * How many paragraphs hold a term of one or two code units: the length of its list, known without
 * decoding it. Null for longer terms.
 */
export function gramParagraphs(index: GramIndex, term: string): number | null {
  if (term.length === 1) return index.unigrams.length(term.charCodeAt(0));
  if (term.length === 2) {
    const k = bigramSlot(index, term.charCodeAt(0), term.charCodeAt(1));
    return k === -1 ? 0 : index.bigrams.length(k);
  }
  return null;
}

/** The list number of the pair `first, second`, or -1. */
function bigramSlot(index: GramIndex, first: number, second: number): number {
  const key = ((first << 16) | second) >>> 0;
  const keys = index.bigramKeys;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < keys.length && keys[lo] === key ? lo : -1;
}

/**
 * A bigram's list longer than the candidates times this narrows them only where it costs less than
 * checking them by substring. At a million paragraphs, between queries that evicted the caches,
 * decoding a loaded list took about 25 ns an id and checking a candidate's text about 500 ns; so a
 * list not yet decoded this long costs about as much as checking every candidate, and it rules out
 * only some of them (for words of 3–8 characters, few).
 */
const NARROWING_RATIO = 16;

/**
 * Paragraph ids that may contain `term` (normalised): exact for terms of one or two code units,
 * a superset for longer terms (the caller checks those by substring).
 */
export function gramCandidates(index: GramIndex, term: string): { ids: Uint32Array; exact: boolean } {
  if (term.length === 0) return { ids: EMPTY, exact: true };
  if (term.length === 1) return { ids: unigramList(index, term.charCodeAt(0)), exact: true };
  // List numbers first: a list's length is known without decoding it, and the longer lists are
  // often never needed (a loaded index decodes a list on its first use).
  const slots: number[] = [];
  for (let i = 0; i + 1 < term.length; i++) {
    const k = bigramSlot(index, term.charCodeAt(i), term.charCodeAt(i + 1));
    if (k === -1) return { ids: EMPTY, exact: true };
    slots.push(k);
  }
  if (slots.length === 1) return { ids: index.bigrams.ids(slots[0]!), exact: true };
  const { bigrams } = index;
  slots.sort((a, b) => bigrams.length(a) - bigrams.length(b));
  let ids = bigrams.ids(slots[0]!);
  for (let i = 1; i < slots.length && ids.length > 0; i++) {
    const slot = slots[i]!;
    if (ids.length * NARROWING_RATIO < bigrams.length(slot)) {
      // Once the candidates are few, checking them by substring is cheaper than more intersections.
      if (ids.length < 256) break;
      // Decoding a list costs more than checking every candidate it could rule out; a list already
      // decoded is galloped through for a fraction of that.
      if (!bigrams.isDecoded(slot)) continue;
    }
    ids = intersect(ids, bigrams.ids(slot));
  }
  return { ids, exact: false };
}

/** Every term of one or two code units found in at least `min` paragraphs. */
export function frequentGrams(index: GramIndex, min: number): string[] {
  const out: string[] = [];
  for (let unit = 0; unit < index.unigrams.count; unit++) {
    if (index.unigrams.length(unit) >= min) out.push(String.fromCharCode(unit));
  }
  for (let k = 0; k < index.bigramKeys.length; k++) {
    const key = index.bigramKeys[k]!;
    if (index.bigrams.length(k) >= min) out.push(String.fromCharCode(key >>> 16, key & 0xffff));
  }
  return out;
}
